#!/usr/bin/env bash
# Screenshots of the report in docs/images/ from a real run: the pooling what-if (orthopaedic
# pool against no pool, 20 replications of the shipped two years), its report, and headless
# chromium driven by tests/analysis/browser_check.mjs (which also clicks a filter and a download).
# Usage: docs/make_screenshots.sh [path/to/icsim]   (default build/release/icsim, else build/ci/icsim)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
icsim=${1:-}
if [[ -z "$icsim" ]]; then
  for b in "$here/build/release/icsim" "$here/build/ci/icsim"; do [[ -x "$b" ]] && icsim=$b && break; done
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$icsim" run "$here/scenarios/orthopaedic_no_pool.toml" "$here/scenarios/orthopaedic_pool.toml" \
  --out "$work/pool" --progress never > "$work/run.txt"
"$icsim" report "$work/pool" --output "$work/report.html"
node --experimental-websocket "$here/tests/analysis/browser_check.mjs" "$work/report.html" "$work/profile" \
  "$here/docs/images/report" > "$work/seen.json"
echo "wrote $here/docs/images/report-top.png, report-comparison.png, report-panels.png"
