#pragma once
// PDF output: the HTML rendering printed by a headless Chromium when one is installed.

#include <optional>
#include <string>
#include <string_view>

namespace basis::cli {

// The message when no browser is found (also in docs/commands.md).
inline constexpr std::string_view kNoChromium =
    "PDF output needs a headless Chromium; install the 'chromium' package (apt-get install "
    "chromium)";

// The first of chromium, chromium-browser, google-chrome found on PATH, or nullopt.
std::optional<std::string> find_chromium();

// Prints `html` to PDF with `browser` in a private temporary directory (removed afterwards)
// and returns the PDF's bytes; nullopt with `error` set when the browser fails, produces no
// PDF, or runs for longer than a few minutes (it is then killed).
std::optional<std::string> print_html_to_pdf(const std::string& browser, std::string_view html,
                                             std::string& error);

}  // namespace basis::cli
