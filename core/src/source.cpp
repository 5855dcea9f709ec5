#include "basis/core/source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace basis {

namespace {
bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

std::uint32_t count_chars(std::string_view s) {
  std::uint32_t n = 0;
  for (unsigned char c : s) n += is_continuation(c) ? 0 : 1;
  return n;
}
}  // namespace

SourceText::SourceText(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourcePos SourceText::pos_of_offset(std::size_t offset) const {
  if (offset > text_.size()) offset = text_.size();
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  std::size_t start = line_starts_[line_index];
  std::string_view before(text_.data() + start, offset - start);
  // A byte-order mark is not a character an editor shows: columns start after it.
  if (start == 0 && before.substr(0, 3) == "\xEF\xBB\xBF") before.remove_prefix(3);
  return SourcePos{static_cast<std::uint32_t>(line_index + 1), count_chars(before) + 1};
}

std::size_t SourceText::line_offset(std::uint32_t line) const {
  if (line == 0) return 0;
  if (line > line_starts_.size()) return text_.size();
  return line_starts_[line - 1];
}

std::string_view SourceText::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::size_t start = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(start, end - start);
}

std::size_t SourceText::offset_of(SourcePos pos) const {
  if (pos.line == 0 || pos.line > line_starts_.size()) return text_.size();
  std::string_view line = line_text(pos.line);
  std::size_t start = line_starts_[pos.line - 1];
  std::uint32_t col = 1;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (is_continuation(static_cast<unsigned char>(line[i]))) continue;
    if (col == pos.column) return start + i;
    ++col;
  }
  return start + line.size();
}

SourcePos position_in_text(const std::vector<TextAnchor>& anchors, std::string_view text,
                           std::size_t offset) {
  if (anchors.empty()) return {};
  if (offset > text.size()) offset = text.size();
  const TextAnchor* best = &anchors.front();
  for (const TextAnchor& a : anchors) {
    if (a.offset <= offset)
      best = &a;
    else
      break;
  }
  std::size_t from = std::min<std::size_t>(best->offset, text.size());
  SourcePos pos = best->pos;
  pos.column += count_chars(text.substr(from, offset - from));
  return pos;
}

SourceRef read_source(const std::string& path, std::string& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = "cannot read '" + path + "': it is a directory";
    return nullptr;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open '" + path + "': " + std::strerror(errno);
    return nullptr;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = "cannot read '" + path + "'";
    return nullptr;
  }
  return std::make_shared<const SourceText>(path, std::move(buffer).str());
}

}  // namespace basis
