#include "pdf_print.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace basis::cli {

namespace fs = std::filesystem;

namespace {

// A browser that has not printed a few pages in this time is stuck, not slow.
constexpr auto kPrintTimeout = std::chrono::minutes(3);

bool is_executable(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The last non-empty line the browser wrote, for the error message.
std::string last_line(const std::string& log) {
  std::string last;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) last = line;
  }
  return last;
}

// Removes the temporary directory however the print ends.
struct TempDir {
  fs::path path;
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

}  // namespace

std::optional<std::string> find_chromium() {
  const char* path_env = std::getenv("PATH");
  if (path_env == nullptr) return std::nullopt;
  const std::string path_list = path_env;
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::size_t start = 0;
    while (start <= path_list.size()) {
      std::size_t end = path_list.find(':', start);
      if (end == std::string::npos) end = path_list.size();
      const std::string dir = path_list.substr(start, end - start);
      if (!dir.empty()) {
        const fs::path candidate = fs::path(dir) / name;
        if (is_executable(candidate)) return candidate.string();
      }
      start = end + 1;
    }
  }
  return std::nullopt;
}

std::optional<std::string> print_html_to_pdf(const std::string& browser, std::string_view html,
                                             std::string& error) {
  std::string pattern = (fs::temp_directory_path() / "basis-pdf-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    error = std::string("cannot create a temporary directory: ") + std::strerror(errno);
    return std::nullopt;
  }
  TempDir dir{pattern};
  const fs::path page = dir.path / "explanation.html";
  const fs::path pdf = dir.path / "explanation.pdf";
  const fs::path profile = dir.path / "profile";
  const fs::path log = dir.path / "browser.log";
  {
    std::ofstream out(page, std::ios::binary);
    out.write(html.data(), static_cast<std::streamsize>(html.size()));
    if (!out) {
      error = "cannot write the HTML for printing to " + page.string();
      return std::nullopt;
    }
  }
  std::vector<std::string> args = {browser,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--no-first-run",
                                   "--no-default-browser-check",
                                   "--disable-default-apps",
                                   "--disable-extensions",
                                   "--user-data-dir=" + profile.string(),
                                   "--no-pdf-header-footer",
                                   "--print-to-pdf=" + pdf.string(),
                                   "file://" + page.string()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t child = ::fork();
  if (child < 0) {
    error = std::string("cannot start the browser: ") + std::strerror(errno);
    return std::nullopt;
  }
  if (child == 0) {
    // Its own process group, so that a stuck browser and its helpers can be stopped together.
    ::setpgid(0, 0);
    const int null_in = ::open("/dev/null", O_RDONLY);
    const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (null_in >= 0) ::dup2(null_in, STDIN_FILENO);
    if (log_fd >= 0) {
      ::dup2(log_fd, STDOUT_FILENO);
      ::dup2(log_fd, STDERR_FILENO);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::setpgid(child, child);  // also from here: whichever runs first

  const auto deadline = std::chrono::steady_clock::now() + kPrintTimeout;
  int status = 0;
  bool finished = false;
  while (!finished) {
    const pid_t r = ::waitpid(child, &status, WNOHANG);
    if (r == child) {
      finished = true;
    } else if (r < 0 && errno != EINTR) {
      break;
    } else if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-child, SIGKILL);
      ::waitpid(child, &status, 0);
      error = "the browser did not finish printing the PDF within 3 minutes; it was stopped";
      return std::nullopt;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  // Helpers the browser left behind belong to the group this command started.
  ::kill(-child, SIGKILL);

  std::string bytes = read_all(pdf);
  if (bytes.rfind("%PDF", 0) != 0) {
    std::string why = last_line(read_all(log));
    if (finished && WIFEXITED(status) && WEXITSTATUS(status) == 127) why = "it could not be run";
    error = "the browser '" + browser + "' produced no PDF" + (why.empty() ? "" : ": " + why);
    return std::nullopt;
  }
  return bytes;
}

}  // namespace basis::cli
