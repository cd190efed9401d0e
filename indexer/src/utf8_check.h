// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace kavosh::index {

/// The offset of the first byte that is not part of well-formed UTF-8 (no overlongs, surrogates or
/// code points past U+10FFFF); nullopt when the text is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace kavosh::index
