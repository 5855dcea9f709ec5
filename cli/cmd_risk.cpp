// `basis risk ESTIMATE [--iterations N] [--seed S] [--threads T] [--format text|md|json|html]
// [-o FILE]`: Monte Carlo over the three-point values and the risk register; P10/P50/P80/P90
// of the total and the contingency each implies.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "basis/engine/risk.hpp"
#include "basis/render/risk.hpp"
#include "cli_common.hpp"

namespace basis::cli {

namespace {

struct RiskOptions {
  std::string estimate;
  std::string iterations = std::to_string(kDefaultRiskIterations);
  std::string seed = std::to_string(kDefaultRiskSeed);
  std::string threads;
  std::string format = "text";
  std::string output;
};

// Digits only (no sign, no spaces, no exponent), within [low, high].
std::optional<std::uint64_t> parse_whole(const std::string& text, std::uint64_t low,
                                         std::uint64_t high) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  unsigned __int128 value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value < low || value > high) return std::nullopt;
  return static_cast<std::uint64_t>(value);
}

bool usage_error(const std::string& message) {
  print_usage_error(message + " (run 'basis risk --help')");
  return false;
}

bool read_settings(const RiskOptions& options, RiskSettings& settings) {
  auto iterations = parse_whole(options.iterations, 1, kMaxRiskIterations);
  if (!iterations) {
    return usage_error(fmt::format("--iterations must be a whole number from 1 to {}, found '{}'",
                                   kMaxRiskIterations, options.iterations));
  }
  auto seed = parse_whole(options.seed, 0, std::numeric_limits<std::uint64_t>::max());
  if (!seed) {
    return usage_error(fmt::format("--seed must be a whole number from 0 to {}, found '{}'",
                                   std::numeric_limits<std::uint64_t>::max(), options.seed));
  }
  std::optional<std::uint64_t> threads = 0;
  if (!options.threads.empty()) threads = parse_whole(options.threads, 1, 256);
  if (!threads) {
    return usage_error(
        fmt::format("--threads must be a whole number from 1 to 256, found '{}'", options.threads));
  }
  settings.iterations = *iterations;
  settings.seed = *seed;
  settings.threads = static_cast<unsigned>(*threads);
  return true;
}

// A progress bar on stderr, only on a terminal and only once a run has taken half a second:
// short runs and redirected output stay clean.
class ProgressBar {
 public:
  ProgressBar() : terminal_(::isatty(STDERR_FILENO) == 1), start_(Clock::now()) {}
  ~ProgressBar() {
    if (shown_) std::fprintf(stderr, "\r%*s\r", kWidth + 24, "");
  }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::uint64_t done, std::uint64_t total) {
    if (!terminal_ || total == 0) return;
    const auto now = Clock::now();
    if (!shown_ && now - start_ < std::chrono::milliseconds(500)) return;
    const auto percent = static_cast<int>(done * 100 / total);
    if (shown_ && percent == last_percent_) return;
    shown_ = true;
    last_percent_ = percent;
    const int filled = percent * kWidth / 100;
    std::fprintf(stderr, "\rsimulating [%s%s] %3d%%", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, ' ').c_str(), percent);
    std::fflush(stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr int kWidth = 40;
  bool terminal_;
  bool shown_ = false;
  int last_percent_ = -1;
  Clock::time_point start_;
};

int run_risk(const RiskOptions& options) {
  const auto format = parse_risk_format(options.format);
  if (!format) {
    usage_error("--format: '" + options.format + "' is not one of text, md, json, html");
    return kExitInvalid;
  }
  RiskSettings settings;
  if (!read_settings(options, settings)) return kExitInvalid;
  std::optional<Estimate> estimate = load_computed_estimate(options.estimate);
  if (!estimate) return kExitInvalid;

  std::optional<RiskSummary> summary;
  Diagnostics diags;
  {
    ProgressBar bar;
    settings.progress = [&bar](std::uint64_t done, std::uint64_t total) {
      bar.update(done, total);
    };
    summary = simulate_risk(*estimate, settings, diags);
  }
  print_diagnostics(diags);
  if (!summary) return kExitInvalid;
  if (!write_output(options.output, render_risk(*estimate, *summary, *format))) {
    return kExitInvalid;
  }
  return kExitOk;
}

}  // namespace

void add_risk_command(CLI::App& app) {
  auto options = std::make_shared<RiskOptions>();
  CLI::App* command = app.add_subcommand(
      "risk",
      "Monte Carlo over the three-point values and the risk register: P10, P50, P80 and P90 "
      "of the total, the contingency each implies, and whether the estimate's contingency "
      "reaches P80");
  add_estimate_argument(command, options->estimate);
  command
      ->add_option("--iterations", options->iterations,
                   fmt::format("Iterations to simulate, 1 to {}", kMaxRiskIterations))
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--seed", options->seed,
                   "Seed of the random streams: the same seed gives the same result")
      ->type_name("S")
      ->capture_default_str();
  command
      ->add_option("--threads", options->threads,
                   "Threads to use, 1 to 256 (default: one per core); never changes the result")
      ->type_name("T");
  command->add_option("--format", options->format, "Output format: text, md, json or html")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "md", "json", "html"}))
      ->capture_default_str();
  command
      ->add_option("-o,--output", options->output,
                   "Write to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  command->callback([options] { set_exit_code(run_risk(*options)); });
}

}  // namespace basis::cli
