#pragma once
// Opens local HTML files in headless Chromium and reports what the page did: console
// errors (console.error / console.assert, uncaught exceptions, error entries of the
// browser's log such as a failed load) and every request it attempted other than the
// document itself and data: URLs.
//
// The browser is driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
// JSON messages separated by NUL, commands on fd 3, replies and events on fd 4), which
// needs no port and no WebSocket client, and delivers the page's events in order. All
// traffic goes to a proxy on a closed local port and every host name resolves to
// nothing, so an attempted request is seen (Network.requestWillBeSent) but never leaves
// the machine. Runs as root (CI): --no-sandbox.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace basis::testing {

inline constexpr const char* kNoBrowser =
    "no headless browser: install Debian's `chromium` package (scripts/install-deps.sh does); "
    "looked for chromium, chromium-browser and google-chrome on PATH";

// The first of chromium, chromium-browser, google-chrome on PATH.
inline std::optional<std::string> find_browser() {
  const char* path_env = std::getenv("PATH");
  if (path_env == nullptr) return std::nullopt;
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::stringstream dirs(path_env);
    for (std::string dir; std::getline(dirs, dir, ':');) {
      if (dir.empty()) continue;
      const std::filesystem::path candidate = std::filesystem::path(dir) / name;
      std::error_code ec;
      if (std::filesystem::is_regular_file(candidate, ec) &&
          ::access(candidate.c_str(), X_OK) == 0) {
        return candidate.string();
      }
    }
  }
  return std::nullopt;
}

struct PageReport {
  bool loaded = false;
  std::string error;                // why the page could not be checked, when it could not
  std::string title;                // document.title once loaded: proof the right page was read
  bool document_requested = false;  // the network log saw the page itself
  std::vector<std::string> console_errors;
  std::vector<std::string> warnings;
  std::vector<std::string> requests;
};

class HeadlessBrowser {
 public:
  explicit HeadlessBrowser(const std::string& executable) {
    ::signal(SIGPIPE, SIG_IGN);  // a browser that died must fail the test, not kill it
    std::string pattern =
        (std::filesystem::temp_directory_path() / "basis-browser-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      error_ = "cannot create a temporary directory";
      return;
    }
    dir_ = pattern;
    launch(executable);
  }

  ~HeadlessBrowser() { shut_down(); }
  HeadlessBrowser(const HeadlessBrowser&) = delete;
  HeadlessBrowser& operator=(const HeadlessBrowser&) = delete;

  bool started() const { return pid_ > 0 && error_.empty(); }
  const std::string& error() const { return error_; }

  // Opens the file (an absolute path) in a new tab, waits for its load event and for the
  // events that follow it, then closes the tab.
  PageReport open(const std::string& path) {
    PageReport report;
    if (!started()) {
      report.error = "browser not running: " + error_;
      return report;
    }
    page_url_ = "file://" + path;
    report_ = &report;
    deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    run_page(report);
    report_ = nullptr;
    session_.clear();
    if (!report.error.empty()) report.error += log_tail();
    return report;
  }

 private:
  using json = nlohmann::json;
  using clock = std::chrono::steady_clock;

  void launch(const std::string& executable) {
    int to_browser[2];
    int from_browser[2];
    if (::pipe2(to_browser, O_CLOEXEC) != 0 || ::pipe2(from_browser, O_CLOEXEC) != 0) {
      error_ = "cannot create pipes";
      return;
    }
    // Out of the way of fds 3 and 4, which the child needs for the protocol.
    const int child_in = ::fcntl(to_browser[0], F_DUPFD_CLOEXEC, 10);
    const int child_out = ::fcntl(from_browser[1], F_DUPFD_CLOEXEC, 10);
    ::close(to_browser[0]);
    ::close(from_browser[1]);
    const std::string log = (dir_ / "browser.log").string();
    std::vector<std::string> args = {executable,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-dev-shm-usage",
                                     "--remote-debugging-pipe",
                                     "--user-data-dir=" + (dir_ / "profile").string(),
                                     "--no-first-run",
                                     "--no-default-browser-check",
                                     "--disable-extensions",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--proxy-server=127.0.0.1:9",
                                     "--proxy-bypass-list=<-loopback>",
                                     "--host-resolver-rules=MAP * ~NOTFOUND",
                                     "about:blank"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    pid_ = ::fork();
    if (pid_ < 0) {
      error_ = "cannot fork";
      return;
    }
    if (pid_ == 0) {
      ::setpgid(0, 0);  // its helper processes go with it if it has to be killed
      const int null_in = ::open("/dev/null", O_RDONLY);
      const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (null_in < 0 || out < 0 || ::dup2(null_in, 0) < 0 || ::dup2(out, 1) < 0 ||
          ::dup2(out, 2) < 0 || ::dup2(child_in, 3) < 0 || ::dup2(child_out, 4) < 0) {
        ::_exit(126);
      }
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::setpgid(pid_, pid_);
    ::close(child_in);
    ::close(child_out);
    write_fd_ = to_browser[1];
    read_fd_ = from_browser[0];
  }

  void shut_down() {
    if (pid_ > 0) {
      deadline_ = clock::now() + std::chrono::seconds(10);
      send("Browser.close", json::object(), "");
      if (write_fd_ >= 0) ::close(write_fd_);
      write_fd_ = -1;
      int status = 0;
      bool exited = false;
      while (clock::now() < deadline_) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
          exited = true;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      if (!exited) {
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
      pid_ = -1;
    }
    if (write_fd_ >= 0) ::close(write_fd_);
    if (read_fd_ >= 0) ::close(read_fd_);
    write_fd_ = read_fd_ = -1;
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  std::string log_tail() const {
    std::ifstream in(dir_ / "browser.log");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
      if (line.find("dbus") == std::string::npos && !line.empty()) lines.push_back(line);
    }
    std::string out;
    for (std::size_t i = lines.size() > 8 ? lines.size() - 8 : 0; i < lines.size(); ++i) {
      out += "\n  browser: " + lines[i];
    }
    return out;
  }

  int send(const std::string& method, const json& params, const std::string& session) {
    json message = {{"id", ++last_id_}, {"method", method}, {"params", params}};
    if (!session.empty()) message["sessionId"] = session;
    std::string bytes = message.dump();
    bytes.push_back('\0');
    std::size_t done = 0;
    while (done < bytes.size() && write_fd_ >= 0) {
      const ssize_t n = ::write(write_fd_, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return -1;
      done += static_cast<std::size_t>(n);
    }
    return last_id_;
  }

  // The next message before the deadline (events are recorded on the way).
  std::optional<json> next_message(clock::time_point until) {
    for (;;) {
      const std::size_t nul = buffer_.find('\0');
      if (nul != std::string::npos) {
        json message = json::parse(buffer_.substr(0, nul), nullptr, false);
        buffer_.erase(0, nul + 1);
        if (message.is_discarded()) continue;
        if (message.contains("method")) record_event(message);
        return message;
      }
      const auto now = clock::now();
      const auto stop = std::min(until, deadline_);
      if (now >= stop || read_fd_ < 0) return std::nullopt;
      pollfd fd{read_fd_, POLLIN, 0};
      const auto wait =
          std::chrono::duration_cast<std::chrono::milliseconds>(stop - now).count() + 1;
      const int ready = ::poll(&fd, 1, static_cast<int>(wait));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return std::nullopt;
      char chunk[65536];
      const ssize_t n = ::read(read_fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ::close(read_fd_);
        read_fd_ = -1;
        return std::nullopt;
      }
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Sends a command and waits for its reply; nullopt (and `error`) on failure.
  std::optional<json> call(const std::string& method, const json& params,
                           const std::string& session, std::string& error) {
    const int id = send(method, params, session);
    if (id < 0) {
      error = method + ": the browser closed its pipe";
      return std::nullopt;
    }
    while (auto message = next_message(deadline_)) {
      if (message->value("id", -1) != id) continue;
      if (message->contains("error")) {
        error = method + ": " + (*message)["error"].dump();
        return std::nullopt;
      }
      return message->value("result", json::object());
    }
    error = method + ": no reply (browser exited or timed out)";
    return std::nullopt;
  }

  static std::string describe_args(const json& args) {
    std::string out;
    for (const json& a : args) {
      if (!out.empty()) out += " ";
      if (a.contains("value")) {
        out += a["value"].is_string() ? a["value"].get<std::string>() : a["value"].dump();
      } else {
        out += a.value("description", a.value("type", std::string("?")));
      }
    }
    return out;
  }

  void record_event(const json& message) {
    if (report_ == nullptr || session_.empty() || message.value("sessionId", "") != session_) {
      return;
    }
    const std::string method = message.value("method", "");
    const json params = message.value("params", json::object());
    if (method == "Runtime.consoleAPICalled") {
      const std::string type = params.value("type", "");
      const std::string text =
          "console." + type + ": " + describe_args(params.value("args", json::array()));
      if (type == "error" || type == "assert") report_->console_errors.push_back(text);
      if (type == "warning") report_->warnings.push_back(text);
    } else if (method == "Runtime.exceptionThrown") {
      const json details = params.value("exceptionDetails", json::object());
      const json exception = details.value("exception", json::object());
      report_->console_errors.push_back(
          "uncaught: " + exception.value("description", details.value("text", std::string("?"))));
    } else if (method == "Log.entryAdded") {
      const json entry = params.value("entry", json::object());
      std::string text = "[" + entry.value("source", "") + "] " + entry.value("text", "");
      if (entry.contains("url")) text += " (" + entry.value("url", "") + ")";
      const std::string level = entry.value("level", "");
      if (level == "error") report_->console_errors.push_back(text);
      if (level == "warning") report_->warnings.push_back(text);
    } else if (method == "Network.requestWillBeSent") {
      const std::string url = params.value("request", json::object()).value("url", "");
      if (url == page_url_) {
        report_->document_requested = true;
      } else if (!url.starts_with("data:")) {
        report_->requests.push_back(url);
      }
    } else if (method == "Network.webSocketCreated") {
      report_->requests.push_back(params.value("url", ""));
    }
  }

  void run_page(PageReport& report) {
    std::string& error = report.error;
    const auto target = call("Target.createTarget", {{"url", "about:blank"}}, "", error);
    if (!target) return;
    const std::string target_id = target->value("targetId", "");
    const auto attached =
        call("Target.attachToTarget", {{"targetId", target_id}, {"flatten", true}}, "", error);
    if (!attached) return;
    session_ = attached->value("sessionId", "");
    for (const char* domain : {"Runtime.enable", "Log.enable", "Network.enable", "Page.enable"}) {
      if (!call(domain, json::object(), session_, error)) return;
    }
    const auto navigated = call("Page.navigate", {{"url", page_url_}}, session_, error);
    if (!navigated) return;
    if (!navigated->value("errorText", "").empty()) {
      error = "cannot open " + page_url_ + ": " + navigated->value("errorText", "");
      return;
    }
    // Loaded when the new document says so (events of the blank tab cannot be mistaken for
    // it); a page that never gets there fails at the deadline.
    const json probe = {{"expression", "document.readyState === 'complete' && location.href === " +
                                           json(page_url_).dump() + " ? document.title : null"},
                        {"returnByValue", true}};
    for (;;) {
      const auto result = call("Runtime.evaluate", probe, session_, error);
      if (!result) return;
      const json value = result->value("result", json::object()).value("value", json());
      if (value.is_string()) {
        report.title = value.get<std::string>();
        break;
      }
      if (clock::now() >= deadline_) {
        error = "the page did not finish loading";
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    // Whatever the load set off (late images, timers) has a moment to show up.
    const auto settle = clock::now() + std::chrono::milliseconds(500);
    while (next_message(settle)) {
    }
    report.loaded = true;
    std::string ignored;
    call("Target.closeTarget", {{"targetId", target_id}}, "", ignored);
  }

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int write_fd_ = -1;
  int read_fd_ = -1;
  int last_id_ = 0;
  std::string buffer_;
  std::string error_;
  std::string session_;
  std::string page_url_;
  PageReport* report_ = nullptr;
  clock::time_point deadline_ = clock::now();
};

}  // namespace basis::testing
