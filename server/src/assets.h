// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The widget (web/widget.js, web/widget.css) and the demo page (web/index.html), embedded at build time.
#pragma once
#include <string_view>

namespace kavosh::serve {

struct Asset {
  std::string_view content_type;
  std::string_view body;
};

/// The asset served at `path` (`/`, `/index.html`, `/widget.js`, `/widget.css`), or nullptr.
const Asset* find_asset(std::string_view path);

}  // namespace kavosh::serve
