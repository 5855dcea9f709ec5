#!/bin/sh
# Runs one fuzz target for a while: fuzz/run_fuzzer.sh <target> [seconds] [build dir]
# New inputs go to fuzz/corpus-work/<target> (git-ignored); crashes, timeouts and OOMs to
# fuzz/corpus-work/artifacts/<target>/; the log to fuzz/corpus-work/logs/<target>.log.
set -eu
target=$1
seconds=${2:-660}
here=$(cd "$(dirname "$0")" && pwd)
build=${3:-$here/../build/fuzz}
work=$here/corpus-work
mkdir -p "$work/$target" "$work/artifacts/$target" "$work/logs"
exec "$build/fuzz/$target" \
  -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -dict="$here/$target.dict" -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/$target/" \
  "$work/$target" "$here/corpus/$target" \
  >"$work/logs/$target.log" 2>&1
