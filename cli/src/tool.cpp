// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "kavosh/cli/tool.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/schema.h"
#include "kavosh/version.h"

namespace kavosh::cli {
namespace {

std::string ascii_lower(std::string text) {
  std::ranges::transform(text, text.begin(),
                         [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; });
  return text;
}

}  // namespace

std::string version_line(std::string_view program) {
  return std::string(program) + ' ' + std::string(kVersion) + " (analyzer " +
         std::to_string(analysis::kAnalyzerVersion) + ", schema " + std::to_string(schema::kSchemaVersion) + ")";
}

void add_standard_options(CLI::App& app, std::string_view extra_exit_status) {
  app.set_version_flag("--version", version_line(app.get_name()), "Print the version and exit");
  app.footer("Exit status:\n"
             "  0  success\n"
             "  1  runtime error (missing or corrupt database, unreadable file, I/O)\n"
             "  2  usage error (unknown option, bad value, missing argument)\n" +
             std::string(extra_exit_status));
}

std::optional<int> parse(CLI::App& app, int argc, const char* const* argv) {
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? kExitOk : kExitUsage;
  }
}

int finish_output(std::ostream& out, std::ostream& err, std::string_view program) {
  if (out.flush()) return kExitOk;
  err << program << ": error: cannot write the output\n";
  return kExitRuntime;
}

bool color_wanted(bool terminal, const char* no_color) {
  return terminal && (no_color == nullptr || *no_color == '\0');
}

bool color_wanted(int fd) { return color_wanted(::isatty(fd) == 1, std::getenv("NO_COLOR")); }

namespace detail {

CLI::Option* restrict_to(CLI::Option* option, std::vector<std::string> names) {
  std::string shown;
  for (const std::string& name : names) shown += (shown.empty() ? "" : "|") + name;
  option->type_name(shown);
  // A transform rather than CLI::IsMember: its description would print the set again after type_name.
  return option->transform(CLI::Validator(
      [names = std::move(names), shown](std::string& value) -> std::string {
        const auto match = std::ranges::find(names, ascii_lower(value), ascii_lower);
        if (match == names.end()) return "'" + value + "' is not one of " + shown;
        value = *match;
        return {};
      },
      ""));
}

}  // namespace detail
}  // namespace kavosh::cli
