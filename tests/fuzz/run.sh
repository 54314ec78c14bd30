#!/usr/bin/env bash
# Runs the scenario fuzzer for SECONDS (default 60) on a corpus seeded from the shipped scenarios.
#   tests/fuzz/run.sh [SECONDS] [BUILD_DIR]       e.g. tests/fuzz/run.sh 3600 for an hour
# The corpus grows in BUILD_DIR/fuzz-corpus (kept between runs); crashes are written to
# BUILD_DIR/fuzz-findings/ and make this script fail. Prints the number of inputs executed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-60}"
build="${2:-$root/build/fuzz}"
bin="$build/tests/fuzz/fuzz_scenario"
[ -x "$bin" ] || { echo "fuzz: $bin is not built (cmake --preset fuzz && cmake --build build/fuzz)" >&2; exit 1; }
corpus="$build/fuzz-corpus" findings="$build/fuzz-findings" work="$build/fuzz-work"
mkdir -p "$corpus" "$findings" "$work"
# Seeds: every shipped scenario; a copy of the collaboration base so that `extends` resolves
# from the fuzzer's folder as it would from a scenario's.
find "$root/scenarios" -name '*.toml' | while read -r f; do cp "$f" "$corpus/seed-$(basename "$(dirname "$f")")-$(basename "$f")"; done
# ... and every input that once was a finding (tests/fuzz/regressions), which must stay fixed.
for f in "$root"/tests/fuzz/regressions/*; do cp "$f" "$corpus/regression-$(basename "$f")"; done
cp "$root/scenarios/collaboration/base.toml" "$work/base.toml"
cd "$work"
log="$build/fuzz.log"
status=0
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
  "$bin" "$corpus" -dict="$root/tests/fuzz/toml.dict" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
  -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$findings/" >"$log" 2>&1 || status=$?
grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "$log" || true
if [ "$status" -ne 0 ]; then
  echo "fuzz: FINDING (exit $status); the input is in $findings/, the report in $log:" >&2
  grep -E "ERROR|SUMMARY|terminate|Test unit written" "$log" | head -20 >&2
  exit 1
fi
echo "fuzz: ${seconds}s, no finding"
