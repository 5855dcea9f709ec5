#pragma once
// Deterministic generators of large estimates for the benchmarks: the same arguments
// always give the same bytes.

#include <cstddef>
#include <string>

namespace basis::bench {

// An estimate of `items` line items as CSV (header row + one row per item): a mix of
// hours x rate-card rates, quantity x unit cost, fixed amounts and three-point hours, with
// spreadsheet-style money cells, across eight categories.
std::string generate_csv_items(std::size_t items, unsigned seed = 1);
// The same estimate as one JSON document with a rate card and three adjustments.
std::string generate_json_estimate(std::size_t items, unsigned seed = 1);
// The YAML wrapper that takes its items from `csv_name` (items: {csv: ...}).
std::string generate_yaml_wrapper(const std::string& csv_name);

}  // namespace basis::bench
