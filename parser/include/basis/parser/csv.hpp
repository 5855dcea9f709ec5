#pragma once
// A CSV file of line items as the same neutral tree as YAML and JSON: a sequence with one
// map per data row, keyed by the header's column names.
//
// Positions are {row, column} where the header is row 1 and columns count fields from 1
// (not characters), as the spec's CSV errors name them. A row is a record as a
// spreadsheet shows it: a cell holding a quoted line break does not start a new row, and
// blank lines count as (empty) rows, so row numbers match the rows Excel shows.
//
// - Keys are the header cells (scalar nodes at row 1), shared by every row's map.
// - Values are csv_cell scalars with no anchors; an empty cell is not stored, and a row
//   shorter than the header simply lacks the missing cells.
// - Cells are trimmed of surrounding spaces and tabs unless quoted; RFC 4180 quoting
//   ("" inside quotes is a quote; quoted cells may hold commas and line breaks, whose CRLF
//   reads as LF); a UTF-8 byte-order mark is skipped; CRLF, LF and lone CR end records.
// - Rows whose cells are all empty (blank lines, ",,,") are skipped wherever they are.
// - Errors: a non-empty cell past the header's last column (empty ones are ignored, as
//   spreadsheets export them), an empty or repeated column name (that column's cells are
//   not stored), text after a closing quote; the tree is still returned. An unclosed
//   quote, or a file that is not UTF-8, returns nullopt.
// - An empty file gives root kNoNode; a header alone gives an empty sequence.
//
// CSV diagnostics carry no SourceRef (only the file name and {row, column}): a source
// excerpt with a caret would show the wrong line and column. Converters reporting a
// problem in a CSV cell should do the same (Diagnostics::file_error, then set pos).

#include <optional>

#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"
#include "basis/parser/document.hpp"

namespace basis {

std::optional<Document> load_csv(const SourceRef& source, Diagnostics& diags);
std::optional<Document> load_csv(const SourceRef& source, Diagnostics& diags,
                                 const LoadLimits& limits);

}  // namespace basis
