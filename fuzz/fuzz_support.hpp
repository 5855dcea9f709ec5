#pragma once
// Shared helpers of the libFuzzer targets: the input as a SourceText, and invariant checks
// that abort (so libFuzzer records the input) instead of throwing.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"
#include "basis/parser/estimate_syntax.hpp"

namespace basis::fuzz {

// A broken invariant is a finding like a crash: abort so libFuzzer saves the input.
[[noreturn]] inline void fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, what);
  std::abort();
}

inline std::string input_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

inline SourceRef make_source(std::string path, std::string text) {
  return std::make_shared<const SourceText>(std::move(path), std::move(text));
}

// The whole source as one expression or template, with an anchor at each line start as the
// rule-set loader makes for a scalar written over several lines.
inline ExpressionText whole_text(const SourceRef& source) {
  ExpressionText text{source->text(), source, {}};
  for (std::uint32_t line = 1; line <= source->line_count(); ++line)
    text.anchors.push_back(
        TextAnchor{static_cast<std::uint32_t>(source->line_offset(line)), SourcePos{line, 1}});
  return text;
}

// Every parser returns nullopt exactly when it reported an error; both halves matter (a
// silent failure leaves the user without a message, a result with errors is half-checked).
inline void check_result_matches_diagnostics(bool loaded, const Diagnostics& diags,
                                             const char* file, int line) {
  if (loaded && diags.has_errors()) fail("a result was returned together with errors", file, line);
  if (!loaded && !diags.has_errors())
    fail("nothing was returned and no error reported", file, line);
}

// Formats every diagnostic (source line, caret, notes) and checks the positions point into
// their files: a caret rendered from a wrong position is how a bad offset shows up first.
inline void exercise_diagnostics(const Diagnostics& diags, const char* file, int line) {
  const std::string text = format_diagnostics(diags);
  // BASIS_FUZZ_PRINT=1 shows what a reproducer reports (the fuzzers are silent otherwise).
  static const bool print = std::getenv("BASIS_FUZZ_PRINT") != nullptr;
  if (print) std::fprintf(stderr, "%s", text.c_str());
  if (!diags.empty() && text.empty()) fail("diagnostics formatted to nothing", file, line);
  for (const Diagnostic& d : diags.items()) {
    if (d.message.empty()) fail("a diagnostic without a message", file, line);
    if (d.source && d.pos.known()) {
      // Lines and columns count from 1; the position just past the last character of a
      // line (a missing `}` at the end) is still on that line. A '\r' before the line end
      // counts as a character here, as in SourceText's columns.
      if (d.pos.line > d.source->line_count())
        fail("a diagnostic points past the last line of its file", file, line);
      const std::size_t begin = d.source->line_offset(d.pos.line);
      std::size_t end = d.source->line_offset(d.pos.line + 1);
      if (end > begin && d.source->text()[end - 1] == '\n') --end;
      if (d.pos.column == 0 || d.pos.column > end - begin + 1)
        fail("a diagnostic points past the end of its line", file, line);
    }
  }
}

}  // namespace basis::fuzz

#define BASIS_FUZZ_CHECK(cond) ((cond) ? (void)0 : ::basis::fuzz::fail(#cond, __FILE__, __LINE__))
#define BASIS_FUZZ_CHECK_RESULT(loaded, diags) \
  ::basis::fuzz::check_result_matches_diagnostics((loaded), (diags), __FILE__, __LINE__)
#define BASIS_FUZZ_DIAGNOSTICS(diags) \
  ::basis::fuzz::exercise_diagnostics((diags), __FILE__, __LINE__)
