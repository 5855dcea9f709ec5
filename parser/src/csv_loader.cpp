#include <algorithm>
#include <deque>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "basis/parser/csv.hpp"
#include "text_position.hpp"

namespace basis {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

struct Cell {
  std::string_view text;  // into the source, or into `decoded` for a quoted cell
  std::size_t begin = 0;  // byte range of the raw field, for the UTF-8 check
  std::size_t end = 0;
  bool quoted = false;
};

class CsvReader {
 public:
  CsvReader(const SourceRef& source, Diagnostics& diags, const LoadLimits& limits)
      : source_(source), diags_(diags), limits_(limits), text_(source->text()) {
    if (text_.starts_with(parser_detail::kUtf8Bom)) p_ = parser_detail::kUtf8Bom.size();
    bad_utf8_ = parser_detail::first_invalid_utf8(text_);
  }

  std::optional<Document> read() {
    Document doc;
    doc.source = source_;
    doc_ = &doc;
    std::uint32_t row = 0;
    bool have_header = false;
    while (p_ < text_.size()) {
      ++row;
      if (!read_record(row)) return std::nullopt;
      if (all_empty()) continue;
      if (!have_header) {
        have_header = true;
        if (!header(row)) return std::nullopt;
        continue;
      }
      if (!data_row(row)) return std::nullopt;
    }
    if (!have_header) return doc;
    Node& root = doc.nodes[root_];
    root.children = std::move(rows_);
    doc.root = root_;
    return doc;
  }

 private:
  Diagnostic& error(SourcePos pos, std::string message) {
    Diagnostic& d = diags_.file_error(source_->path(), std::move(message));
    d.pos = pos;
    return d;
  }

  // One record into cells_; false after an error that stops reading.
  bool read_record(std::uint32_t row) {
    cells_.clear();
    std::size_t quoted_used = 0;  // decoded_ buffers in use by quoted cells
    for (;;) {
      Cell cell;
      cell.begin = p_;
      std::size_t q = p_;
      while (q < text_.size() && is_blank(text_[q])) ++q;
      if (q < text_.size() && text_[q] == '"') {
        if (decoded_.size() <= quoted_used) decoded_.emplace_back();
        std::string& out = decoded_[quoted_used++];
        out.clear();
        if (!read_quoted(q, out, row)) return false;
        cell.text = out;
        cell.quoted = true;
      } else {
        std::size_t e = p_;
        while (e < text_.size() && text_[e] != ',' && text_[e] != '\n' && text_[e] != '\r') ++e;
        cell.text = trim(text_.substr(p_, e - p_));
        p_ = e;
      }
      cell.end = p_;
      cells_.push_back(cell);
      if (p_ >= text_.size()) return true;
      char c = text_[p_];
      if (c == ',') {
        ++p_;
        continue;
      }
      // A record ends at LF, CRLF or a lone CR.
      ++p_;
      if (c == '\r' && p_ < text_.size() && text_[p_] == '\n') ++p_;
      return true;
    }
  }

  // A quoted cell from its opening quote at `q`; leaves p_ at the delimiter after it.
  bool read_quoted(std::size_t q, std::string& out, std::uint32_t row) {
    ++q;
    for (;;) {
      std::size_t close = text_.find('"', q);
      if (close == std::string_view::npos) {
        error({row, static_cast<std::uint32_t>(cells_.size() + 1)},
              "this cell's opening quote is never closed: the closing \" is missing");
        return false;
      }
      append_cell_text(out, text_.substr(q, close - q));
      if (close + 1 < text_.size() && text_[close + 1] == '"') {
        out += '"';
        q = close + 2;
        continue;
      }
      q = close + 1;
      break;
    }
    std::size_t e = q;
    while (e < text_.size() && is_blank(text_[e])) ++e;
    if (e < text_.size() && text_[e] != ',' && text_[e] != '\n' && text_[e] != '\r') {
      std::size_t end = e;
      while (end < text_.size() && text_[end] != ',' && text_[end] != '\n' && text_[end] != '\r') {
        ++end;
      }
      error({row, static_cast<std::uint32_t>(cells_.size() + 1)},
            "text after the closing quote of this cell: quote the whole cell, and write a "
            "quote inside it as \"\"");
      out.append(text_.substr(e, end - e));
      e = end;
    }
    p_ = e;
    return true;
  }

  // Quoted line breaks read as LF whatever the file's line ends.
  static void append_cell_text(std::string& out, std::string_view raw) {
    if (raw.find('\r') == std::string_view::npos) {
      out.append(raw);
      return;
    }
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\r') {
        if (i + 1 < raw.size() && raw[i + 1] == '\n') continue;
        out += '\n';
      } else {
        out += raw[i];
      }
    }
  }

  bool all_empty() const {
    return std::all_of(cells_.begin(), cells_.end(),
                       [](const Cell& c) { return c.text.empty() && !c.quoted; });
  }

  // Cells holding a byte that is not UTF-8: refuse the file at the first of them.
  bool check_utf8(std::uint32_t row) {
    if (bad_utf8_ == std::string_view::npos) return true;
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      if (bad_utf8_ >= cells_[i].begin && bad_utf8_ < cells_[i].end + 1) {
        error({row, static_cast<std::uint32_t>(i + 1)},
              "this cell is not UTF-8 text (save the file as \"CSV UTF-8\")");
        return false;
      }
    }
    return true;
  }

  // A node made in place, or kNoNode past the limit (reported).
  NodeId add(NodeKind kind, SourcePos pos) {
    if (doc_->nodes.size() >= limits_.max_nodes) {
      error(pos, fmt::format("the file holds more than {} values; it is too large to read",
                             limits_.max_nodes));
      return kNoNode;
    }
    Node& node = doc_->nodes.emplace_back();
    node.kind = kind;
    node.style = ScalarStyle::csv_cell;
    node.pos = node.content_pos = pos;
    return static_cast<NodeId>(doc_->nodes.size() - 1);
  }

  bool header(std::uint32_t row) {
    if (!check_utf8(row)) return false;
    // Rows x columns nodes at most: one allocation for the whole tree.
    std::size_t lines = static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1;
    doc_->nodes.reserve(std::min(limits_.max_nodes, lines * (cells_.size() + 1) + 1));
    root_ = add(NodeKind::sequence, {row, 1});
    if (root_ == kNoNode) return false;
    std::unordered_map<std::string_view, std::size_t> seen;
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      SourcePos pos{row, static_cast<std::uint32_t>(i + 1)};
      std::string_view name = cells_[i].text;
      if (name.empty()) {
        // A trailing empty header cell over empty columns is a spreadsheet artefact, but
        // a column without a name cannot be read: say so.
        error(pos, fmt::format("column {} has no name in the header row: name it, or delete "
                               "the column",
                               i + 1));
        columns_.push_back(kNoNode);
        continue;
      }
      auto [it, inserted] = seen.emplace(name, i);
      if (!inserted) {
        Diagnostic& d = error(pos, fmt::format("duplicate column '{}'", name));
        d.notes.push_back(
            {nullptr, {row, static_cast<std::uint32_t>(it->second + 1)}, "first defined here"});
        columns_.push_back(kNoNode);
        continue;
      }
      NodeId id = add(NodeKind::scalar, pos);
      if (id == kNoNode) return false;
      doc_->nodes[id].text.assign(name);
      columns_.push_back(id);
    }
    return true;
  }

  bool data_row(std::uint32_t row) {
    if (!check_utf8(row)) return false;
    std::size_t used = std::min(cells_.size(), columns_.size());
    for (std::size_t i = columns_.size(); i < cells_.size(); ++i) {
      if (cells_[i].text.empty() && !cells_[i].quoted) continue;
      error({row, static_cast<std::uint32_t>(i + 1)},
            fmt::format("row {} has a cell in column {}, but the header names only {} column{}",
                        row, i + 1, columns_.size(), columns_.size() == 1 ? "" : "s"));
      break;
    }
    NodeId item_id = add(NodeKind::map, {row, 1});
    if (item_id == kNoNode) return false;
    children_.clear();
    for (std::size_t i = 0; i < used; ++i) {
      if (columns_[i] == kNoNode || cells_[i].text.empty()) continue;
      NodeId id = add(NodeKind::scalar, {row, static_cast<std::uint32_t>(i + 1)});
      if (id == kNoNode) return false;
      doc_->nodes[id].text.assign(cells_[i].text);
      children_.push_back(columns_[i]);
      children_.push_back(id);
    }
    doc_->nodes[item_id].children.assign(children_.begin(), children_.end());
    rows_.push_back(item_id);
    return true;
  }

  const SourceRef& source_;
  Diagnostics& diags_;
  LoadLimits limits_;
  std::string_view text_;
  std::size_t p_ = 0;
  std::size_t bad_utf8_ = std::string_view::npos;
  Document* doc_ = nullptr;
  std::vector<Cell> cells_;
  std::deque<std::string> decoded_;  // the current record's quoted cells (stable addresses)
  std::vector<NodeId> columns_;      // header key node by column; kNoNode: not stored
  std::vector<NodeId> children_;
  std::vector<NodeId> rows_;
  NodeId root_ = kNoNode;
};

}  // namespace

std::optional<Document> load_csv(const SourceRef& source, Diagnostics& diags) {
  return load_csv(source, diags, LoadLimits{});
}

std::optional<Document> load_csv(const SourceRef& source, Diagnostics& diags,
                                 const LoadLimits& limits) {
  try {
    return CsvReader(source, diags, limits).read();
  } catch (const std::bad_alloc&) {
    diags.file_error(source->path(), "the file is too large to read");
    return std::nullopt;
  }
}

}  // namespace basis
