// The top level of an estimate file: which loader reads it, the estimate's own fields,
// and the order in which the parts are read (currency and rates before the items that
// use them). Every problem is reported; nothing stops at the first.

#include <algorithm>
#include <array>
#include <filesystem>

#include <fmt/format.h>

#include "basis/parser/csv.hpp"
#include "basis/parser/document.hpp"
#include "basis/parser/estimate_syntax.hpp"
#include "estimate_parts.hpp"

namespace basis {

namespace {

using detail::DocReader;
using detail::Read;

enum Field {
  kBasis,
  kId,
  kTitle,
  kVersion,
  kDate,
  kCurrency,
  kClass,
  kDomain,
  kThreePoint,
  kRounding,
  kClient,
  kRates,
  kItems,
  kAdjustments,
  kAssumptions,
  kExclusions,
  kRisks,
  kProject,
  kInternal,
  kFields
};
constexpr std::array<std::string_view, kFields> kFieldNames = {
    "basis",       "id",          "title",    "version", "date",    "currency", "class",
    "domain",      "three_point", "rounding", "client",  "rates",   "items",    "adjustments",
    "assumptions", "exclusions",  "risks",    "project", "internal"};

constexpr std::string_view kFormatTag = "estimate/1";

const Currency& usd() {
  return *find_currency("USD");
}

std::string currency_codes() {
  std::string out;
  for (const Currency& c : known_currencies()) {
    if (!out.empty()) out += ", ";
    out += c.code;
  }
  return out;
}

// 10^-minor_unit: 0.01 for USD, 1 for JPY.
Decimal smallest_unit(const Currency& currency) {
  Decimal step = Decimal::from_int(1);
  for (int i = 0; i < currency.minor_unit; ++i) step = *div(step, Decimal::from_int(10));
  return step;
}

void read_currency(DocReader& r, NodeId node, EstimateSyntax& out) {
  Read<std::string> code = r.text(node, "'currency'");
  if (!code.ok()) return;
  if (const Currency* c = find_currency(code.value)) {
    out.currency = c;
    return;
  }
  std::vector<std::string_view> codes;
  for (const Currency& c : known_currencies()) codes.push_back(c.code);
  std::string hint = did_you_mean(code.value, codes);
  r.error(node, fmt::format("unknown currency '{}'{}", detail::shorten(code.value),
                            hint.empty() ? "; basis knows " + currency_codes() : hint));
}

void read_class(DocReader& r, NodeId node, EstimateSyntax& out) {
  Read<Decimal> n = r.number(node, "'class'");
  if (!n.ok()) return;
  if (n.value.is_integer() && n.value >= Decimal::from_int(1) && n.value <= Decimal::from_int(5)) {
    out.estimate_class = static_cast<int>(*n.value.to_int64());
    return;
  }
  r.error(node, fmt::format("'class' must be a whole number from 1 to 5 (the AACE estimate "
                            "class), found {}",
                            detail::shorten(r.node(node).text)));
}

void read_three_point(DocReader& r, NodeId node, EstimateSyntax& out) {
  Read<std::string> method = r.text(node, "'three_point'");
  if (!method.ok()) return;
  if (method.value == "pert") {
    out.three_point = ThreePointMethod::pert;
  } else if (method.value == "triangular") {
    out.three_point = ThreePointMethod::triangular;
  } else {
    r.error(node, fmt::format("'three_point' must be 'pert' or 'triangular', found '{}'{}",
                              detail::shorten(method.value),
                              detail::suggest(method.value, {"pert", "triangular"})));
  }
}

void read_rounding(DocReader& r, NodeId node, EstimateSyntax& out) {
  Read<Decimal> step = r.number(node, "'rounding'");
  if (!step.ok()) return;
  if (step.value.sign() <= 0) {
    r.error(node, fmt::format("'rounding' must be a positive step such as 0.01, 1 or 100, "
                              "found {}",
                              step.value.to_string()));
    return;
  }
  const Currency& currency = out.currency ? *out.currency : usd();
  const Decimal unit = smallest_unit(currency);
  if (step.value < unit) {
    r.error(node, fmt::format("rounding step {} is finer than the smallest unit of {} ({})",
                              step.value.to_string(), currency.code, unit.to_string()));
    return;
  }
  auto rest = mod(step.value, unit);
  if (!rest || !rest->is_zero()) {
    r.error(node, fmt::format("rounding step {} is not a multiple of the smallest unit of {} ({})",
                              step.value.to_string(), currency.code, unit.to_string()));
    return;
  }
  out.rounding = step.value;
}

// `client`, `project`, `internal`: free-form maps.
Value read_free_map(DocReader& r, NodeId node, std::string_view field) {
  if (r.is_null(node)) return {};
  if (!r.is_map(node)) {
    r.error(node,
            fmt::format("expected a map of fields for '{}', found {}", field, r.describe(node)));
    return {};
  }
  return r.value(node);
}

// client.style names the default reader of explanations.
void check_client_style(DocReader& r, NodeId client) {
  if (client == kNoNode || !r.is_map(client)) return;
  for (std::size_t i = 0; i < r.map_size(client); ++i) {
    if (r.node(r.map_key(client, i)).text != "style") continue;
    const NodeId node = r.map_value(client, i);
    Read<std::string> style = r.text(node, "'style'");
    if (!style.ok()) return;
    const std::string& s = style.value;
    if (s == "driver" || s == "analytical" || s == "amiable" || s == "expressive") return;
    if (s == "internal") {
      r.error(node,
              "'style: internal' cannot be a client's default: the internal negotiation "
              "brief is produced only when asked for with --style internal");
      return;
    }
    std::string hint = detail::suggest(s, {"driver", "analytical", "amiable", "expressive"});
    r.error(node,
            fmt::format("unknown reader style '{}'{}", detail::shorten(s),
                        hint.empty() ? "; use driver, analytical, amiable or expressive" : hint));
    return;
  }
}

std::string csv_path_beside(const std::string& document_path, const std::string& written) {
  namespace fs = std::filesystem;
  fs::path csv(written);
  if (csv.is_absolute()) return csv.lexically_normal().string();
  return (fs::path(document_path).parent_path() / csv).lexically_normal().string();
}

void read_items_csv(DocReader& r, NodeId map, detail::ItemContext& ctx,
                    detail::WorkBudget& budget) {
  NodeId path = kNoNode;
  for (std::size_t i = 0; i < r.map_size(map); ++i) {
    const NodeId key = r.map_key(map, i);
    const std::string& text = r.node(key).text;
    if (text == "csv") {
      if (path == kNoNode) path = r.map_value(map, i);
      continue;
    }
    std::string hint = detail::suggest(text, {"csv"});
    r.error(key,
            fmt::format("unknown field '{}' in 'items'{}", detail::shorten(text),
                        hint.empty() ? "; 'items' is a list of items or {csv: file.csv}" : hint));
  }
  if (path == kNoNode) {
    r.error(map,
            "expected a list of items or {csv: file.csv} for 'items', found a map without "
            "'csv'");
    return;
  }
  Read<std::string> written = r.text(path, "'csv'");
  if (written.absent() || (written.ok() && written.value.empty())) {
    r.error(path, "'csv' needs the path of a CSV file, such as 'items: {csv: items.csv}'");
    return;
  }
  if (!written.ok()) return;
  ctx.estimate.items_csv = written.value;
  const std::string resolved =
      csv_path_beside(r.source() ? r.source()->path() : std::string(), written.value);
  std::string error;
  SourceRef source = read_source(resolved, error);
  if (!source) {
    r.error(path, error);
    return;
  }
  ctx.estimate.items_source = source;
  std::optional<Document> doc = load_csv(source, r.diags());
  if (!doc) return;
  DocReader csv(*doc, r.diags(), budget, true);
  csv.set_currency(&ctx.currency);
  detail::read_csv_items(csv, ctx);
}

std::optional<EstimateSyntax> finish(EstimateSyntax&& estimate, const Diagnostics& diags,
                                     std::size_t errors_before) {
  if (diags.error_count() > errors_before) return std::nullopt;
  return std::move(estimate);
}

}  // namespace

namespace detail {

std::optional<EstimateSyntax> read_estimate_document(const Document& doc, Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  detail::WorkBudget budget;
  DocReader r(doc, diags, budget);
  EstimateSyntax out;
  out.source = doc.source;
  out.currency = &usd();

  const NodeId root = doc.root;
  if (root == kNoNode || r.is_null(root)) {
    diags.error(doc.source, root == kNoNode ? SourcePos{1, 1} : r.node(root).pos,
                "the file is empty; an estimate needs at least an 'id' and its 'items'");
    return std::nullopt;
  }
  if (!r.is_map(root)) {
    r.error(root, fmt::format("an estimate must be a map of fields such as 'id' and 'items', "
                              "found {}",
                              r.describe(root)));
    return std::nullopt;
  }

  std::array<NodeId, kFields> field{};
  field.fill(kNoNode);
  for (std::size_t i = 0; i < r.map_size(root); ++i) {
    const NodeId key = r.map_key(root, i);
    const std::string& text = r.node(key).text;
    const auto found = std::find(kFieldNames.begin(), kFieldNames.end(), std::string_view(text));
    if (found != kFieldNames.end()) {
      auto& slot = field[static_cast<std::size_t>(found - kFieldNames.begin())];
      if (slot == kNoNode) slot = r.map_value(root, i);  // the loader reports a repeat
      continue;
    }
    if (text.starts_with("x-")) continue;
    std::string hint = did_you_mean(text, kFieldNames);
    r.error(key, fmt::format("unknown estimate field '{}'{}", detail::shorten(text),
                             hint.empty() ? "; free-form facts go under 'project', or in a field "
                                            "whose name starts with 'x-'"
                                          : hint));
  }
  auto at = [&](Field f) {
    r.set_report_node(field[f]);
    return field[f];
  };

  if (Read<std::string> tag = r.text(at(kBasis), "'basis'"); tag.ok() && tag.value != kFormatTag) {
    r.error(field[kBasis], fmt::format("'basis' must be '{}' in an estimate file, found '{}'",
                                       kFormatTag, detail::shorten(tag.value)));
  }
  if (Read<std::string> id = r.text(at(kId), "'id'"); id.ok() && !id.value.empty()) {
    out.id = std::move(id.value);
  } else if (!id.bad()) {
    r.error(root, "the estimate has no 'id'; add one, such as 'id: ACME-PORTAL'");
  }
  if (Read<std::string> t = r.text(at(kTitle), "'title'"); t.ok()) out.title = std::move(t.value);
  if (NodeId v = at(kVersion); v != kNoNode) {
    if (r.is_scalar(v)) {
      out.version = r.value(v);
    } else {
      r.error(v, fmt::format("expected a number or text for 'version', found {}", r.describe(v)));
    }
  }
  if (Read<std::string> d = r.text(at(kDate), "'date'"); d.ok()) out.date = std::move(d.value);
  if (field[kCurrency] != kNoNode) read_currency(r, at(kCurrency), out);
  r.set_currency(out.currency);
  if (field[kClass] != kNoNode) read_class(r, at(kClass), out);
  if (Read<std::string> d = r.text(at(kDomain), "'domain'"); d.ok())
    out.domain = std::move(d.value);
  if (field[kThreePoint] != kNoNode) read_three_point(r, at(kThreePoint), out);
  if (field[kRounding] != kNoNode) read_rounding(r, at(kRounding), out);
  out.client = read_free_map(r, at(kClient), "client");
  check_client_style(r, field[kClient]);
  out.project = read_free_map(r, at(kProject), "project");
  out.internal = read_free_map(r, at(kInternal), "internal");
  detail::read_rates(r, at(kRates), out);

  detail::ItemContext ctx(out, *out.currency);
  ctx.rate_card = r.is_null(field[kRates]) ? detail::RateCard::none : detail::RateCard::given;
  detail::index_rates(ctx);
  if (NodeId items = at(kItems); !r.is_null(items)) {
    if (r.is_sequence(items)) {
      detail::read_item_list(r, items, ctx);
    } else if (r.is_map(items)) {
      read_items_csv(r, items, ctx, budget);
    } else {
      r.error(items, fmt::format("expected a list of items or {{csv: file.csv}} for 'items', "
                                 "found {}",
                                 r.describe(items)));
    }
  }
  r.set_report_node(kNoNode);
  detail::read_adjustments(r, at(kAdjustments), out);
  detail::read_text_list(r, at(kAssumptions), "assumptions", out.assumptions);
  detail::read_text_list(r, at(kExclusions), "exclusions", out.exclusions);
  detail::read_risks(r, at(kRisks), out);
  return finish(std::move(out), diags, errors_before);
}

std::optional<EstimateSyntax> read_csv_estimate(const Document& doc, Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  detail::WorkBudget budget;
  DocReader r(doc, diags, budget, true);
  EstimateSyntax out;
  out.source = doc.source;
  out.currency = &usd();
  out.id = std::filesystem::path(doc.source ? doc.source->path() : "").stem().string();
  detail::ItemContext ctx(out, *out.currency);
  ctx.rate_card = detail::RateCard::bare_csv;
  r.set_currency(out.currency);
  detail::read_csv_items(r, ctx);
  return finish(std::move(out), diags, errors_before);
}

}  // namespace detail

std::optional<EstimateSyntax> load_estimate_text(const SourceRef& source, std::string_view format,
                                                 Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  std::optional<Document> doc;
  if (format == "yaml") {
    doc = load_yaml(source, diags);
  } else if (format == "json") {
    doc = load_json(source, diags);
  } else if (format == "csv") {
    doc = load_csv(source, diags);
    if (!doc) return std::nullopt;
    std::optional<EstimateSyntax> out = detail::read_csv_estimate(*doc, diags);
    // The loader's own errors (a row too long, a repeated column) fail the load as well.
    if (diags.error_count() > errors_before) return std::nullopt;
    return out;
  } else {
    diags.file_error(source ? source->path() : std::string(),
                     fmt::format("unknown estimate format '{}'; use yaml, json or csv", format));
    return std::nullopt;
  }
  if (!doc) return std::nullopt;
  std::optional<EstimateSyntax> out = detail::read_estimate_document(*doc, diags);
  if (diags.error_count() > errors_before) return std::nullopt;
  return out;
}

std::optional<EstimateSyntax> load_estimate(const std::string& path, Diagnostics& diags) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view format;
  if (extension == ".yaml" || extension == ".yml")
    format = "yaml";
  else if (extension == ".json")
    format = "json";
  else if (extension == ".csv")
    format = "csv";
  else {
    diags.file_error(path,
                     "cannot tell the format of an estimate from its name; use a file "
                     "ending in .yaml, .yml, .json or .csv");
    return std::nullopt;
  }
  std::string error;
  SourceRef source = read_source(path, error);
  if (!source) {
    diags.file_error(path, error);
    return std::nullopt;
  }
  return load_estimate_text(source, format, diags);
}

}  // namespace basis
