#pragma once
// One error type for every stage: a diagnostic with a source location, collected into a
// list rather than thrown, printed like a compiler:
//
//   estimate.yaml:12:11: error: unknown rate 'qa_enginer'; did you mean 'qa_engineer'?
//      12 |     rate: qa_enginer
//         |           ^~~~~~~~~~

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/source.hpp"

namespace basis {

enum class Severity { note, warning, error };

struct DiagnosticNote {
  SourceRef source;  // may be null when the note has no place
  SourcePos pos;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::error;
  SourceRef source;  // null for errors that belong to no file (e.g. a command-line usage error)
  std::string file;  // the path as shown; usually source->path()
  SourcePos pos;
  std::uint32_t length = 1;  // characters the caret underlines
  std::string message;       // includes "; did you mean 'x'?" when a suggestion exists
  std::vector<DiagnosticNote> notes;
};

class Diagnostics {
 public:
  Diagnostic& error(const SourceRef& source, SourcePos pos, std::string message,
                    std::uint32_t length = 1);
  Diagnostic& warning(const SourceRef& source, SourcePos pos, std::string message,
                      std::uint32_t length = 1);
  // An error that names a file but no place in it (cannot open, empty file, ...).
  Diagnostic& file_error(std::string file, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);

  bool has_errors() const;
  std::size_t error_count() const;
  bool empty() const { return items_.empty(); }
  std::span<const Diagnostic> items() const { return items_; }
  // Sorted by file, line, column (stable): the order they are printed in.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

// "file:line:col: error: message", the source line and a caret, then each note.
std::string format_diagnostic(const Diagnostic& d);
std::string format_diagnostics(const Diagnostics& ds);

// The closest candidate by edit distance (case-insensitive), or "" when none is close
// enough to be a plausible typo.
std::string closest_match(std::string_view word, std::span<const std::string_view> candidates);
// "; did you mean 'x'?" or "" when nothing is close.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace basis
