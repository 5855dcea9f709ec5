#include "basis/core/diagnostic.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace basis {

namespace {

Diagnostic& push(std::vector<Diagnostic>& items, Severity severity, const SourceRef& source,
                 SourcePos pos, std::string message, std::uint32_t length) {
  Diagnostic d;
  d.severity = severity;
  d.source = source;
  d.file = source ? source->path() : std::string();
  d.pos = pos;
  d.length = length == 0 ? 1 : length;
  d.message = std::move(message);
  items.push_back(std::move(d));
  return items.back();
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::string location(const std::string& file, SourcePos pos) {
  if (file.empty()) return "basis";
  if (!pos.known()) return file;
  return fmt::format("{}:{}:{}", file, pos.line, pos.column);
}

// The source line and a caret under the column, gcc style. Tabs in the line are copied
// into the caret line so that the caret stays under the right character.
void append_excerpt(std::string& out, const SourceRef& source, SourcePos pos,
                    std::uint32_t length) {
  if (!source || !pos.known() || pos.line > source->line_count()) return;
  std::string_view line = source->line_text(pos.line);
  std::string number = std::to_string(pos.line);
  std::string gutter(number.size(), ' ');
  out += fmt::format(" {} | {}\n", number, line);
  std::string marks;
  std::uint32_t col = 1;
  std::size_t i = 0;
  while (i < line.size() && col < pos.column) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) != 0x80) {
      marks += c == '\t' ? '\t' : ' ';
      ++col;
    }
    ++i;
  }
  // Characters left on the line from the caret on: never underline past the line's end.
  std::uint32_t remaining = 0;
  for (std::size_t j = i; j < line.size(); ++j) {
    if ((static_cast<unsigned char>(line[j]) & 0xC0) != 0x80) ++remaining;
  }
  std::uint32_t underline = std::max<std::uint32_t>(1, std::min(length, remaining));
  marks += '^';
  marks.append(underline - 1, '~');
  out += fmt::format(" {} | {}\n", gutter, marks);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Optimal string alignment distance (an adjacent transposition counts as one edit).
std::size_t edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

}  // namespace

Diagnostic& Diagnostics::error(const SourceRef& source, SourcePos pos, std::string message,
                               std::uint32_t length) {
  return push(items_, Severity::error, source, pos, std::move(message), length);
}

Diagnostic& Diagnostics::warning(const SourceRef& source, SourcePos pos, std::string message,
                                 std::uint32_t length) {
  return push(items_, Severity::warning, source, pos, std::move(message), length);
}

Diagnostic& Diagnostics::file_error(std::string file, std::string message) {
  Diagnostic& d = push(items_, Severity::error, nullptr, {}, std::move(message), 1);
  d.file = std::move(file);
  return d;
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const {
  return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return a.file < b.file;
    return a.pos < b.pos;
  });
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out =
      fmt::format("{}: {}: {}\n", location(d.file, d.pos), severity_name(d.severity), d.message);
  append_excerpt(out, d.source, d.pos, d.length);
  for (const DiagnosticNote& note : d.notes) {
    std::string file = note.source ? note.source->path() : d.file;
    out += fmt::format("{}: note: {}\n", location(file, note.pos), note.message);
    append_excerpt(out, note.source, note.pos, 1);
  }
  return out;
}

std::string format_diagnostics(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds.items()) out += format_diagnostic(d);
  return out;
}

std::string closest_match(std::string_view word, std::span<const std::string_view> candidates) {
  std::string w = lower(word);
  std::string best;
  std::size_t best_distance = static_cast<std::size_t>(-1);
  for (std::string_view candidate : candidates) {
    std::string c = lower(candidate);
    std::size_t distance = edit_distance(w, c);
    // A prefix or a containment ("qa" for "qa_engineer") is not a typo; only near misses count.
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  if (best.empty() || best_distance == 0) return best_distance == 0 ? best : std::string();
  // Allow about one edit in three characters, at least one and at most three.
  std::size_t limit = std::clamp<std::size_t>(std::max(w.size(), best.size()) / 3, 1, 3);
  return best_distance <= limit ? best : std::string();
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  std::string match = closest_match(word, candidates);
  if (match.empty() || match == word) return {};
  return "; did you mean '" + match + "'?";
}

}  // namespace basis
