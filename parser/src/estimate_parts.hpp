#pragma once
// The pieces of an estimate read from a Document, shared by estimate_loader.cpp (the
// top level), estimate_items.cpp (line items from YAML, JSON or CSV) and
// estimate_lists.cpp (rates, adjustments, risks, text lists). Private to parser/src.

#include <string_view>
#include <unordered_map>
#include <vector>

#include "basis/parser/estimate_syntax.hpp"
#include "document_reader.hpp"

namespace basis::detail {

enum class RateCard : std::uint8_t { given, none, bare_csv };

struct ItemContext {
  ItemContext(EstimateSyntax& e, const Currency& c) : estimate(e), currency(c) {}
  EstimateSyntax& estimate;
  const Currency& currency;  // of the estimate (USD when its own is unknown)
  RateCard rate_card = RateCard::none;
  std::unordered_map<std::string_view, std::size_t> rate_index;  // into estimate.rates
  std::vector<std::string_view> rate_names;                      // for suggestions
};

// Builds the rate lookup of a context from estimate.rates (call after read_rates).
void index_rates(ItemContext& ctx);

// `items:` as a list of maps (YAML or JSON).
void read_item_list(DocReader& r, NodeId list, ItemContext& ctx);
// The rows of a CSV file: the document root is a list of row maps.
void read_csv_items(DocReader& r, ItemContext& ctx);

void read_rates(DocReader& r, NodeId map, EstimateSyntax& out);
void read_adjustments(DocReader& r, NodeId list, EstimateSyntax& out);
void read_risks(DocReader& r, NodeId list, EstimateSyntax& out);
// assumptions, exclusions: lists of sentences.
void read_text_list(DocReader& r, NodeId list, std::string_view field,
                    std::vector<std::string>& out);

// The checked estimate of a YAML or JSON document, and of a bare CSV document (whose id is
// the file name). Exposed for tests that build Documents by hand.
std::optional<EstimateSyntax> read_estimate_document(const Document& doc, Diagnostics& diags);
std::optional<EstimateSyntax> read_csv_estimate(const Document& doc, Diagnostics& diags);

// "did you mean" over a fixed list of words.
std::string suggest(std::string_view word, std::initializer_list<std::string_view> candidates);
// "a, b or c"
std::string join_or(std::initializer_list<std::string_view> words);

}  // namespace basis::detail
