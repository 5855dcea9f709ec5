#!/usr/bin/env bash
# Builds basis twice (release, and AddressSanitizer + UndefinedBehaviorSanitizer) and runs
# every test in both. This is the command CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${BASIS_JOBS:-$(nproc)}
for preset in release asan; do
  echo "== basis: $preset build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== basis: $preset tests"
  ctest --preset "$preset" -j "$jobs"
done
