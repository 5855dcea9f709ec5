// How figures read in an explanation: the template filters' formatting, shared by every
// statement and every built-in table so that a figure never shows two ways.

#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>

#include "basis/core/currency.hpp"
#include "basis/engine/explain.hpp"

namespace basis {

namespace {

// "1,240.50" -> "1,240.5"; "12.00" -> "12".
std::string drop_trailing_zeros(std::string text) {
  const auto dot = text.find('.');
  if (dot == std::string::npos) return text;
  std::size_t end = text.size();
  while (end > dot + 1 && text[end - 1] == '0') --end;
  if (end == dot + 1) --end;
  text.erase(end);
  return text;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_vowel(char c) {
  switch (c) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'A':
    case 'E':
    case 'I':
    case 'O':
    case 'U':
      return true;
    default:
      return false;
  }
}

// English plural of a noun (phrase): "work package" -> "work packages", "box" -> "boxes",
// "party" -> "parties".
std::string english_plural(std::string_view singular) {
  std::string word(singular);
  if (word.empty()) return word;
  if (ends_with(word, "s") || ends_with(word, "x") || ends_with(word, "z") ||
      ends_with(word, "ch") || ends_with(word, "sh")) {
    return word + "es";
  }
  if (word.size() >= 2 && (word.back() == 'y' || word.back() == 'Y') &&
      !is_vowel(word[word.size() - 2])) {
    word.pop_back();
    return word + "ies";
  }
  return word + "s";
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

std::string format_plain_number(Decimal value) {
  return drop_trailing_zeros(format_number(value, 2));
}

std::string format_fixed_number(Decimal value, int decimals) {
  return format_number(value, std::clamp(decimals, 0, Decimal::kPlaces));
}

std::string format_hours(Decimal hours) {
  const std::string shown = drop_trailing_zeros(format_number(hours, 1));
  return shown + (shown == "1" ? " hour" : " hours");
}

std::optional<std::string> format_percent_places(Decimal fraction, int decimals) {
  auto percent = mul(fraction, Decimal::from_int(100));
  if (!percent) return std::nullopt;
  return format_number(*percent, std::clamp(decimals, 0, Decimal::kPlaces)) + "%";
}

std::string format_plural(Decimal count, std::string_view singular, std::string_view plural) {
  const std::string shown = format_plain_number(count);
  if (shown == "1") return shown + " " + std::string(singular);
  return shown + " " + (plural.empty() ? english_plural(singular) : std::string(plural));
}

std::string format_list(std::span<const std::string> parts, std::string_view conjunction) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? fmt::format(" {} ", conjunction) : ", ";
    out += parts[i];
  }
  return out;
}

std::string format_date(std::string_view iso) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  auto digits = [&](std::size_t from, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      out = out * 10 + (iso[i] - '0');
    }
    return true;
  };
  int year = 0, month = 0, day = 0;
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(0, 4, year) ||
      !digits(5, 2, month) || !digits(8, 2, day) || month < 1 || month > 12 || day < 1 ||
      day > 31) {
    return std::string(iso);
  }
  return fmt::format("{} {} {}", day, kMonths[static_cast<std::size_t>(month - 1)], year);
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Only the first letter of each word changes: lowering the rest would turn "EHR" into "Ehr".
std::string to_title(std::string_view text) {
  std::string out(text);
  bool word_start = true;
  for (char& c : out) {
    if (word_start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    word_start = is_space(c);
  }
  return out;
}

std::string plain_text(const RichText& text) {
  std::string out;
  for (const TextSpan& span : text) out += span.text;
  return out;
}

}  // namespace basis
