#pragma once
// Source files and positions. Lines and columns are 1-based and count characters
// (Unicode code points), not bytes; 0 means "unknown".

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace basis {

struct SourcePos {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  bool known() const { return line != 0; }
  friend bool operator==(SourcePos, SourcePos) = default;
  friend auto operator<=>(SourcePos, SourcePos) = default;
};

// The text of one input file, kept alive for as long as anything points into it.
class SourceText {
 public:
  SourceText(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // Position of a byte offset into text(), columns counted in code points.
  SourcePos pos_of_offset(std::size_t offset) const;
  // Byte offset of the start of a line (1-based), or text().size() past the end.
  std::size_t line_offset(std::uint32_t line) const;
  // A line's text without its line end (1-based); empty past the end.
  std::string_view line_text(std::uint32_t line) const;
  // Byte offset of a position; text().size() when out of range.
  std::size_t offset_of(SourcePos pos) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

using SourceRef = std::shared_ptr<const SourceText>;

// Where a piece of a text taken from a file starts in that file: `offset` is a byte offset
// into the text, `pos` the file position of that byte. A YAML scalar folded over several
// lines has one anchor per source line, so that the 12th character of a condition written
// on line 40 maps back to line 40 and the right column.
struct TextAnchor {
  std::uint32_t offset = 0;
  SourcePos pos;
};

// The file position of byte `offset` of `text`, given its anchors (sorted by offset):
// the last anchor at or before `offset`, plus the characters (code points) between them.
SourcePos position_in_text(const std::vector<TextAnchor>& anchors, std::string_view text,
                           std::size_t offset);

// Reads a whole file. On failure returns nullptr and sets `error` to a sentence such as
// "cannot open 'x.yaml': No such file or directory".
SourceRef read_source(const std::string& path, std::string& error);

}  // namespace basis
