// Kavosh: Persian full-text search. GPL-2.0-or-later.
// What every Kavosh program does alike (docs/cli.md): --version, the exit codes and their --help
// footer, choice options matched ignoring case, and when to colour output.
#pragma once
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

namespace kavosh::cli {

/// Exit codes, the same in every program; scripts tell a bad call from a broken database by them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;  ///< missing or corrupt database, unreadable file, I/O
inline constexpr int kExitUsage = 2;    ///< unknown option, bad value, missing argument
inline constexpr int kExitSkipped = 3;  ///< kavosh-index: some records were skipped

/// `PROGRAM VERSION (analyzer N, schema M)`: what --version prints. The analyzer and schema versions
/// say which databases the program can read, which the release number alone does not.
std::string version_line(std::string_view program);

/// Adds --version and the exit-status footer to `app`, which must be named after its program.
/// `extra_exit_status` lines (each ending in a newline) follow the common codes.
void add_standard_options(CLI::App& app, std::string_view extra_exit_status = {});

/// Parses the command line. Returns the code to exit with when the program should stop here
/// (kExitOk after --help or --version, kExitUsage after a usage error, its message printed),
/// or nullopt when it should run.
std::optional<int> parse(CLI::App& app, int argc, const char* const* argv);

/// Flushes `out` and returns kExitOk, or kExitRuntime after `PROGRAM: error: cannot write the output`
/// on `err` when writing failed (a full disk, a closed pipe): output that was lost is no success.
int finish_output(std::ostream& out, std::ostream& err, std::string_view program);

/// Whether output written to `fd` gets ANSI colours: only on a terminal, never with NO_COLOR
/// set to a non-empty value (https://no-color.org).
bool color_wanted(int fd);
/// The same decision from its inputs (`no_color`: the variable's value, or null when unset).
bool color_wanted(bool terminal, const char* no_color);

namespace detail {
/// Restricts `option` to `names` (matched ignoring case; the value is passed on in the case written
/// in `names`) and shows them in --help as `a|b|c` rather than CLI11's map.
CLI::Option* restrict_to(CLI::Option* option, std::vector<std::string> names);
}  // namespace detail

/// Adds an option whose value is one of the names in `choices`, each standing for a value of `target`.
template <class T>
CLI::Option* add_choice(CLI::App& app, const std::string& name, T& target,
                        const std::vector<std::pair<std::string, T>>& choices, const std::string& description) {
  std::vector<std::string> names;
  for (const auto& choice : choices) names.push_back(choice.first);
  CLI::Option* option = app.add_option_function<std::string>(
      name,
      [&target, choices](const std::string& value) {
        for (const auto& [choice_name, choice_value] : choices) {
          if (choice_name == value) target = choice_value;
        }
      },
      description);
  return detail::restrict_to(option, std::move(names));
}

}  // namespace kavosh::cli
