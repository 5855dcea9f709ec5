// The budget search: which combinations of options bring the total within a budget. Every
// combination it reports is a real scenario (the options applied together and the estimate
// recomputed); the options' own savings only decide which combinations are worth computing.
//
// Why the bound is sound in the usual case: the total is built from sums and products of
// non-negative factors (hours x rate, direct x (1 + overhead), subtotal x (1 + contingency)).
// When options only lower such factors, a combination saves at most what its options save
// one by one, added up (lowering a x b by both factors saves a*db + b*da - da*db, less than
// the two savings alone). So a combination whose options' savings add up to less than the
// gap cannot close it. Rounding can move each line and adjustment by one step, hence the
// tolerance. The search checks the bound on every combination it computes and says when it
// did not hold (an option that raises a price, or a filter that selects more after another
// option changed the lines).

#include <algorithm>

#include "basis/engine/negotiation.hpp"

namespace basis {

namespace {

// A visit limit for the enumeration itself, so that no input can keep the search busy
// without computing scenarios (each visit is a few comparisons).
constexpr std::size_t kMaxVisits = 2'000'000;

struct Candidate {
  std::size_t option = 0;  // index into BudgetSearchInput::options
  Decimal saving;          // -delta, > 0
};

bool includes(const std::vector<std::size_t>& chosen, const std::vector<std::size_t>& part) {
  // Both sorted ascending.
  return std::includes(chosen.begin(), chosen.end(), part.begin(), part.end());
}

class Search {
 public:
  Search(const BudgetSearchInput& input, BudgetSearchResult& result) : in_(input), out_(result) {}

  void run() {
    const Estimate& estimate = *in_.estimate;
    out_.gap = sub(estimate.totals.total, in_.budget).value_or(Decimal::max());
    if (out_.gap.sign() <= 0) return;

    for (std::size_t i = 0; i < in_.options.size() && i < in_.deltas.size(); ++i) {
      if (in_.deltas[i].sign() < 0) candidates_.push_back({i, in_.deltas[i].negated()});
    }
    std::stable_sort(candidates_.begin(), candidates_.end(),
                     [](const Candidate& a, const Candidate& b) { return a.saving > b.saving; });
    out_.options_searched = candidates_.size();
    const std::size_t m = candidates_.size();
    prefix_.assign(m + 1, Decimal());
    for (std::size_t i = 0; i < m; ++i) {
      prefix_[i + 1] = add(prefix_[i], candidates_[i].saving).value_or(Decimal::max());
    }
    conflict_.assign(m * m, false);
    for (std::size_t a = 0; a < m; ++a) {
      for (std::size_t b = a + 1; b < m; ++b) {
        const bool clash = !adjust_conflict(*in_.options[candidates_[a].option],
                                            *in_.options[candidates_[b].option])
                                .empty();
        conflict_[a * m + b] = conflict_[b * m + a] = clash;
      }
    }
    const auto lines =
        static_cast<std::int64_t>(estimate.items.size() + estimate.totals.adjustments.size() + 1);
    tolerance_ = mul(estimate.rounding_step, Decimal::from_int(lines)).value_or(Decimal());
    threshold_ = sub(out_.gap, tolerance_).value_or(out_.gap);

    for (std::size_t k = 1; k <= m && !stopped_; ++k) {
      level_.clear();
      std::vector<std::size_t> chosen;
      visit(k, 0, chosen, Decimal());
      std::stable_sort(level_.begin(), level_.end(), [](const Found& a, const Found& b) {
        if (a.found.total != b.found.total) return a.found.total > b.found.total;
        return a.found.options < b.found.options;
      });
      for (Found& f : level_) {
        minimal_.push_back(f.chosen);
        if (out_.combinations.size() < in_.limits.max_combinations) {
          out_.combinations.push_back(std::move(f.found));
        }
      }
      if (!stopped_ && minimal_.size() >= in_.limits.max_combinations) {
        out_.more = minimal_.size() > in_.limits.max_combinations || k < m;
        break;
      }
    }
  }

 private:
  struct Found {
    std::vector<std::size_t> chosen;  // indices into candidates_, ascending
    BudgetCombinationFound found;
  };

  // The savings of the `count` largest candidates from `from` on (they are sorted).
  Decimal best(std::size_t from, std::size_t count) const {
    return sub(prefix_[from + count], prefix_[from]).value_or(Decimal::max());
  }

  bool contains_minimal(const std::vector<std::size_t>& chosen) const {
    for (const std::vector<std::size_t>& part : minimal_) {
      if (includes(chosen, part)) return true;
    }
    return false;
  }

  void visit(std::size_t size, std::size_t from, std::vector<std::size_t>& chosen, Decimal sum) {
    if (chosen.size() == size) {
      evaluate(chosen, sum);
      return;
    }
    const std::size_t m = candidates_.size();
    const std::size_t left = size - chosen.size();
    for (std::size_t j = from; j + left <= m && !stopped_; ++j) {
      if (++visits_ > kMaxVisits) {
        stop();
        return;
      }
      // The best this prefix can still do; later j only do worse.
      const Decimal reach = add(sum, best(j, left)).value_or(Decimal::max());
      if (reach < threshold_) break;
      bool clash = false;
      for (std::size_t c : chosen) clash = clash || conflict_[c * m + j];
      if (clash) continue;
      chosen.push_back(j);
      if (!contains_minimal(chosen)) {
        visit(size, j + 1, chosen, add(sum, candidates_[j].saving).value_or(Decimal::max()));
      }
      chosen.pop_back();
    }
  }

  void evaluate(const std::vector<std::size_t>& chosen, Decimal bound) {
    if (out_.scenarios_evaluated >= in_.limits.max_scenarios) {
      stop();
      return;
    }
    ++out_.scenarios_evaluated;
    std::vector<std::size_t> options;
    for (std::size_t c : chosen) options.push_back(candidates_[c].option);
    std::sort(options.begin(), options.end());  // applied in rule-file order
    std::vector<const OptionSyntax*> syntax;
    for (std::size_t o : options) syntax.push_back(in_.options[o]);
    OptionScenario scenario =
        compute_options(*in_.program, *in_.estimate, in_.previous, syntax, in_.eval_limits);
    if (!scenario.estimate) return;
    const Decimal total = scenario.estimate->totals.total;
    const Decimal saving = sub(in_.estimate->totals.total, total).value_or(Decimal());
    if (out_.bound_held && saving > add(bound, tolerance_).value_or(Decimal::max())) {
      out_.bound_held = false;
      out_.bound_exceeded_by = options;
    }
    // An option that changes nothing once the others are taken adds only its trade-off:
    // the combination without it says the same, so this one is not minimal.
    if (!scenario.matched) return;
    if (total <= in_.budget) level_.push_back({chosen, {options, total}});
  }

  void stop() {
    stopped_ = true;
    out_.complete = false;
  }

  const BudgetSearchInput& in_;
  BudgetSearchResult& out_;
  std::vector<Candidate> candidates_;  // options that save, largest saving first
  std::vector<Decimal> prefix_;        // prefix sums of their savings
  std::vector<bool> conflict_;         // m x m: the two adjust the same adjustment
  Decimal tolerance_, threshold_;
  std::vector<std::vector<std::size_t>> minimal_;  // within budget, in candidate indices
  std::vector<Found> level_;
  std::size_t visits_ = 0;
  bool stopped_ = false;
};

}  // namespace

BudgetSearchResult search_budget(const BudgetSearchInput& input) {
  BudgetSearchResult result;
  if (!input.program || !input.estimate) return result;
  Search(input, result).run();
  return result;
}

}  // namespace basis
