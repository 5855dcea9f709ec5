#!/usr/bin/env bash
# Installs everything basis needs to build, test and render, from Debian 12 packages only.
# Idempotent and non-interactive: packages already present are left as they are.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libyaml-cpp-dev libboost-dev libgtest-dev libgmock-dev libcli11-dev libfmt-dev
  nlohmann-json3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libbenchmark-dev libcpp-httplib-dev libsimdjson-dev
  clang libclang-rt-14-dev clang-format
  # PDF output and the HTML-in-a-browser test (tests/unit/html_in_browser_test.cpp): headless
  # Chromium, with a font so that pages render the same everywhere.
  chromium fonts-dejavu-core
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "basis: dependencies installed"
