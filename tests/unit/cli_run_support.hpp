#pragma once
// Shared by the tests that run the built `basis` executable (golden files, `basis explain`
// end to end, confidentiality across formats): running it with its output captured, a
// scratch directory per test, and the shipped samples with their independently computed
// totals.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace basis::cli_testing {

namespace fs = std::filesystem;

struct BasisRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

// Single-quoted for /bin/sh.
inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

inline std::string source_path(const std::string& relative) {
  return std::string(BASIS_SOURCE_DIR) + "/" + relative;
}

// A directory of its own for the running test, removed afterwards.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& suite) {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info ? std::string(info->test_suite_name()) + "-" + info->name() : "run";
    for (char& c : name) {
      if (c == '/') c = '-';
    }
    path_ = fs::temp_directory_path() /
            ("basis-" + suite + "-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Runs `basis ARGS` (ARGS already quoted where needed) with standard output and error
// captured in files under `capture` (which must not be a directory the test lists), in
// `cwd` when given, with `env` (e.g. "PATH=/nonexistent") prefixed to the command.
inline BasisRun run_basis(const std::string& args, const fs::path& capture,
                          const fs::path& cwd = {}, const std::string& env = "") {
  fs::create_directories(capture);
  const fs::path out = capture / "stdout";
  const fs::path err = capture / "stderr";
  std::string command;
  if (!cwd.empty()) command += "cd " + quote(cwd.string()) + " && ";
  if (!env.empty()) command += env + " ";
  command += quote(BASIS_BINARY) + " " + args + " >" + quote(out.string()) + " 2>" +
             quote(err.string()) + " </dev/null";
  const int status = std::system(command.c_str());
  BasisRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_file(out);
  run.err = read_file(err);
  return run;
}

// The shipped sample estimates. Totals were computed independently of basis, by hand from
// the line items (portal-v2: direct $720,938.90 + 8% overhead $57,675.11 + 12% contingency
// on the subtotal $93,433.68 - $7,500.00 discount) and with exact decimal arithmetic in
// rules/tests/tools/figures.py (portal-v3, office fit-out, data platform). The default
// style is the estimate's own client.style.
struct Sample {
  std::string path;  // under samples/, without the extension
  std::string total_shown;
  std::string total_exact;
  std::string default_style;
  std::string rules;  // the standard rule set for its domain, under rules/
};

inline void PrintTo(const Sample& s, std::ostream* os) {
  *os << s.path;
}

inline const std::vector<Sample>& samples() {
  static const std::vector<Sample> all = {
      {"software/portal-v2", "$864,547.69", "864547.69", "analytical", "software-delivery.yaml"},
      {"software/portal-v3", "$880,365.22", "880365.22", "analytical", "software-delivery.yaml"},
      {"construction/office-fitout", "\u00a31,005,777.73", "1005777.73", "driver",
       "construction.yaml"},
      {"consulting/data-platform", "$475,574.11", "475574.11", "expressive", "consulting.yaml"},
  };
  return all;
}

inline const std::vector<std::string>& client_styles() {
  static const std::vector<std::string> all = {"driver", "analytical", "amiable", "expressive"};
  return all;
}

inline const std::vector<std::string>& text_formats() {
  static const std::vector<std::string> all = {"md", "html", "text", "json"};
  return all;
}

}  // namespace basis::cli_testing
