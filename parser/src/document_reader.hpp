#pragma once
// Reading a Document's nodes as typed values with positions and messages, the same way
// for YAML, JSON and CSV. Private to parser/src.

#include <optional>
#include <string>
#include <string_view>

#include "basis/core/currency.hpp"
#include "basis/parser/document.hpp"
#include "basis/parser/value.hpp"

namespace basis::detail {

// Aliases let a small file stand for an enormous tree ("billion laughs"): conversion
// counts the nodes it visits and gives up past this many, far beyond any real estimate.
inline constexpr std::size_t kMaxAliasExpansion = 1'000'000;
// Aliases can also stack nesting beyond what the loaders allow in the text itself.
inline constexpr int kMaxValueDepth = 1000;

// Shared by every file of one estimate (the YAML and the CSV it names).
struct WorkBudget {
  std::size_t visits = 0;
  bool exhausted = false;
};

struct ScalarMeaning {
  enum class Kind : std::uint8_t { null, boolean, number, text };
  Kind kind = Kind::null;
  bool boolean = false;
  Decimal number;
  bool out_of_range = false;  // written as a number that no Decimal can hold: kept as text
};

// The outcome of reading one field: absent (not there, or null), ok, or bad (reported).
template <class T>
struct Read {
  enum class State : std::uint8_t { absent, ok, bad };
  State state = State::absent;
  T value{};
  bool ok() const { return state == State::ok; }
  bool absent() const { return state == State::absent; }
  bool bad() const { return state == State::bad; }
  static Read good(T v) { return Read{State::ok, std::move(v)}; }
  static Read failed() { return Read{State::bad, T{}}; }
};

class DocReader {
 public:
  DocReader(const Document& doc, Diagnostics& diags, WorkBudget& budget, bool csv = false);

  const Document& doc() const { return doc_; }
  const SourceRef& source() const { return doc_.source; }
  const Node& node(NodeId id) const { return doc_.nodes[id]; }
  Diagnostics& diags() { return diags_; }
  bool csv() const { return csv_; }
  // The currency whose symbol a misplaced "$1,234.50" would carry, for the hint.
  void set_currency(const Currency* currency) { currency_ = currency; }

  std::size_t map_size(NodeId id) const { return doc_.map_size(id); }
  NodeId map_key(NodeId id, std::size_t i) const { return doc_.map_key(id, i); }
  NodeId map_value(NodeId id, std::size_t i) const { return doc_.map_value(id, i); }
  bool is_map(NodeId id) const { return node(id).kind == NodeKind::map; }
  bool is_sequence(NodeId id) const { return node(id).kind == NodeKind::sequence; }
  bool is_scalar(NodeId id) const { return node(id).kind == NodeKind::scalar; }

  // Characters the caret underlines under a node: a scalar as written, quotes included.
  std::uint32_t span(NodeId id) const;
  Diagnostic& error(NodeId at, std::string message);
  void note(Diagnostic& d, NodeId at, std::string message) const;

  // Counts one visited node; false once the bound is passed (reported once, at the node
  // given to set_report_node: the top-level value being converted).
  bool visit();
  bool exhausted() const { return budget_.exhausted; }
  void set_report_node(NodeId id) { report_at_ = id; }

  bool is_null(NodeId id) const;  // kNoNode or a null scalar
  ScalarMeaning meaning(NodeId id) const;
  // For messages: "a list", "a map", "nothing", "true", "7", "text 'forty'".
  std::string describe(NodeId id) const;
  // Any node as an open value (attributes, client, project, internal).
  Value value(NodeId id, int depth = 0);

  // Typed reads: each reports its own error. `field` is how the message names the field,
  // e.g. "'title'" or "rate 'engineer'".
  Read<std::string> text(NodeId id, std::string_view field);
  Read<Decimal> number(NodeId id, std::string_view field);
  Read<Decimal> percent(NodeId id, std::string_view field);

  // "; remove the quotes" or "; write 1234.50" when a text is a number in disguise.
  std::string number_hint(NodeId id) const;

 private:
  const Document& doc_;
  Diagnostics& diags_;
  WorkBudget& budget_;
  NodeId report_at_ = kNoNode;
  const Currency* currency_ = nullptr;
  bool csv_ = false;
};

// A node's text for a message, shortened to one line of at most 40 characters.
std::string shorten(std::string_view text);

}  // namespace basis::detail
