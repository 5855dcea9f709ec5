#include "text_position.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace basis::parser_detail {

namespace {
bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}
}  // namespace

std::size_t count_chars(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += is_continuation(c) ? 0 : 1;
  return n;
}

Locator::Locator(const SourceText& source) : source_(source), text_(source.text()) {
  if (text_.starts_with(kUtf8Bom)) bom_ = kUtf8Bom.size();
  last_offset_ = bom_;
}

SourcePos Locator::at(std::size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < last_offset_) {
    // Backwards (rare): one binary search and a count from the line start.
    SourcePos pos = source_.pos_of_offset(offset);
    if (pos.line == 1 && bom_ != 0 && offset >= bom_) pos.column -= 1;
    if (pos.line == 1 && offset < bom_) pos.column = 1;
    return pos;
  }
  // Gaps are short (a key to its value): one plain loop beats several library passes.
  SourcePos pos = last_pos_;
  const char* p = text_.data() + last_offset_;
  const char* end = text_.data() + offset;
  for (; p < end; ++p) {
    if (*p == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if (!is_continuation(static_cast<unsigned char>(*p))) {
      ++pos.column;
    }
  }
  last_offset_ = offset;
  last_pos_ = pos;
  return pos;
}

std::size_t first_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs eight bytes at a time: most files are almost all ASCII.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t min;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if (!is_continuation(s[i + k])) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace basis::parser_detail
