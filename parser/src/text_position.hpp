#pragma once
// Private to the loaders: byte offsets -> file positions, fast when offsets come in file
// order (a minified JSON file is one line of megabytes: counting from the line start for
// every node would be quadratic), and the UTF-8 check every loader does first.

#include <cstddef>
#include <string_view>

#include "basis/core/source.hpp"

namespace basis::parser_detail {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Byte offsets into a file's text -> 1-based line and character column. A UTF-8
// byte-order mark is not a character: the first character after it is column 1.
class Locator {
 public:
  explicit Locator(const SourceText& source);
  SourcePos at(std::size_t offset);
  std::size_t bom_size() const { return bom_; }

 private:
  const SourceText& source_;
  std::string_view text_;
  std::size_t bom_ = 0;
  std::size_t last_offset_ = 0;
  SourcePos last_pos_{1, 1};
};

// Offset of the first byte that is not part of well-formed UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF count as bad), or npos when all is well.
std::size_t first_invalid_utf8(std::string_view text);

// Code points in `text` (continuation bytes not counted).
std::size_t count_chars(std::string_view text);

}  // namespace basis::parser_detail
