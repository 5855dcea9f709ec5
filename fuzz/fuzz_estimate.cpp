// libFuzzer target, built three times (BASIS_FUZZ_FORMAT "yaml", "json", "csv"): an estimate
// loaded from arbitrary text, computed when it loads (applies_to filters included), and its
// diagnostics formatted.
//
// `items: {csv: path}` makes the YAML and JSON loaders read a file named relative to the
// estimate's own path. The estimate is given a path inside a private directory that holds
// one known items.csv, so the fuzzer exercises that path too; inputs that could name a file
// anywhere else (an absolute path or a `..` needs a '/') are skipped without being run.

#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "basis/engine/estimate.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/estimate_syntax.hpp"
#include "fuzz_support.hpp"

#ifndef BASIS_FUZZ_FORMAT
#error "define BASIS_FUZZ_FORMAT as \"yaml\", \"json\" or \"csv\""
#endif

namespace {

constexpr std::string_view kFormat = BASIS_FUZZ_FORMAT;

// The items.csv that `items: {csv: items.csv}` finds.
constexpr std::string_view kItemsCsv =
    "id,name,category,hours,rate,quantity,unit_cost,amount\n"
    "design,Design,labour,40,120,,,\n"
    "qa,QA,labour,\"12,16,30\",95,,,\n"
    "boards,Boards,material,,,12,45.5,\n"
    "permit,Permit,fees,,,,,350\n";

std::string& directory() {
  static std::string dir;
  return dir;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The text with every YAML/JSON escape that could spell a letter of `csv` or a '/' decoded
// (\xHH, \uHHHH, \UHHHHHHHH, \/) and escaped line breaks of double-quoted YAML joined.
// Decoding regardless of context over-approximates what any scalar can contain.
std::string decode_escapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    const char kind = text[i + 1];
    const std::size_t digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
    if (digits != 0 && i + 1 + digits < text.size()) {
      unsigned long code = 0;
      bool ok = true;
      for (std::size_t k = 0; k < digits; ++k) {
        const int v = hex_value(text[i + 2 + k]);
        if (v < 0) ok = false;
        code = code * 16 + static_cast<unsigned long>(v < 0 ? 0 : v);
      }
      if (ok) {
        out += code < 0x80 ? static_cast<char>(code) : '?';
        i += 1 + digits;
        continue;
      }
    }
    if (kind == '/') {
      out += '/';
      ++i;
      continue;
    }
    if (kind == '\n' || kind == '\r') {
      i += 1;
      while (i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t' ||
                                     text[i + 1] == '\n' || text[i + 1] == '\r'))
        ++i;
      continue;
    }
    out += text[i];
  }
  return out;
}

// True when the text might make the loader open a file outside the private directory.
bool may_read_outside(std::string_view text) {
  if (kFormat == "csv") return false;  // a bare CSV names no other file
  const std::string decoded = decode_escapes(text);
  return decoded.find("csv") != std::string::npos && decoded.find('/') != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  namespace fs = std::filesystem;
  // One directory per user and format, rewritten atomically at each start: fuzzers run in
  // parallel and crash without cleaning up, so a fixed place beats a fresh temp dir.
  const fs::path dir = fs::temp_directory_path() /
                       ("basis-fuzz-" + std::to_string(getuid()) + "-" + std::string(kFormat));
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path tmp = dir / ("items.csv." + std::to_string(getpid()));
  {
    std::ofstream out(tmp, std::ios::binary);
    out << kItemsCsv;
  }
  fs::rename(tmp, dir / "items.csv", ec);
  directory() = dir.string();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text = basis::fuzz::input_text(data, size);
  if (may_read_outside(text)) return -1;  // never run, never kept in the corpus
  basis::SourceRef source =
      basis::fuzz::make_source(directory() + "/estimate." + std::string(kFormat), std::move(text));

  basis::Diagnostics diags;
  std::optional<basis::EstimateSyntax> syntax = basis::load_estimate_text(source, kFormat, diags);
  BASIS_FUZZ_CHECK_RESULT(syntax.has_value(), diags);
  if (syntax) {
    BASIS_FUZZ_CHECK(syntax->currency != nullptr);
    static const basis::AppliesToFilter applies_to = basis::make_applies_to_filter();
    basis::Diagnostics computing;
    std::optional<basis::Estimate> estimate =
        basis::compute_estimate(std::move(*syntax), computing, applies_to);
    BASIS_FUZZ_CHECK_RESULT(estimate.has_value(), computing);
    if (estimate) {
      // The totals are sums of the lines shown; recomputed here independently.
      const basis::Decimal step = estimate->rounding_step;
      std::optional<basis::Decimal> direct = basis::Decimal();
      for (const basis::LineItem& item : estimate->items) {
        if (direct) direct = basis::add(*direct, item.amount);
        BASIS_FUZZ_CHECK(item.amount.round_to_step(step) == item.amount);
      }
      BASIS_FUZZ_CHECK(direct == estimate->totals.direct);
      std::optional<basis::Decimal> subtotal = estimate->totals.direct;
      std::optional<basis::Decimal> total = estimate->totals.direct;
      for (const basis::AdjustmentLine& line : estimate->totals.adjustments) {
        if (total) total = basis::add(*total, line.amount);
        if (subtotal && line.syntax->kind != basis::AdjustmentKind::tax)
          subtotal = basis::add(*subtotal, line.amount);
        for (std::size_t index : line.matched_items)
          BASIS_FUZZ_CHECK(index < estimate->items.size());
      }
      BASIS_FUZZ_CHECK(subtotal == estimate->totals.subtotal);
      BASIS_FUZZ_CHECK(total == estimate->totals.total);
      (void)estimate->format_money(estimate->totals.total);
      basis::Estimate copy = *estimate;  // re-points lines at the copy's own syntax
      BASIS_FUZZ_CHECK(copy.items.size() == estimate->items.size());
      const basis::ItemSyntax* first = copy.syntax.items.data();
      for (const basis::LineItem& item : copy.items)
        BASIS_FUZZ_CHECK(item.syntax >= first && item.syntax < first + copy.syntax.items.size());
    }
    BASIS_FUZZ_DIAGNOSTICS(computing);
  }
  BASIS_FUZZ_DIAGNOSTICS(diags);
  return 0;
}
