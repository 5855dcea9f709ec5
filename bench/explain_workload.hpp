#pragma once
// The workload of the end-to-end explanation benchmark: an estimate wrapper that takes its
// items from a generated CSV (generate_csv_items) with a client, a rate card, adjustments,
// assumptions, exclusions and a risk register; and a rule set written the way a firm
// writes one for such estimates: metrics per category, method and rate, tiered driver
// rules with benchmarks, for_each rules on the uncertain or large lines, basis rules,
// options (remove, scale, set, adjust), questions and objections, summary rules with
// loops, and rules that do not fire on this estimate. Deterministic: the same arguments
// always give the same bytes.

#include <cstddef>
#include <string>

namespace basis::bench {

// A YAML estimate whose items come from `csv_name` (relative to the YAML file), with the
// rate names of generate_csv_items.
std::string generate_explain_estimate(const std::string& csv_name);

// A rule set of exactly `rules` rules (and about 60 metrics) over the categories, methods
// and rate names of generate_csv_items.
std::string generate_rule_set(std::size_t rules);

}  // namespace basis::bench
