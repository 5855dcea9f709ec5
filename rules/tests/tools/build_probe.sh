#!/bin/sh
# Builds tools/probe against the engine libraries of a build directory (default
# build-library): ninja -C BUILD basis_engine first.
set -e
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=${1:-$root/build-library}
g++ -std=c++20 -O1 -Wall -Wextra \
  -I"$root/core/include" -I"$root/parser/include" -I"$root/engine/include" \
  "$root/rules/tests/tools/probe.cpp" \
  "$build/engine/libbasis_engine.a" "$build/parser/libbasis_parser.a" "$build/core/libbasis_core.a" \
  -lyaml-cpp -lsimdjson -lfmt -o "$build/rule-probe"
echo "$build/rule-probe"
