#!/usr/bin/env bash
# Builds spendwatch and runs the embedded Daejeon 2009 demo for its last reported week.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product spendwatch 2>&1 | tail -1 >&2
week="${WEEK:-2009-W26}"
report=$(.build/release/spendwatch run --config examples/daejeon-2009/spendwatch.yml --week "$week")
echo
echo "Report for $week:"
echo "  $report"
echo "  ${report%.html}.md"
echo "  ${report%.html}.json"
echo
sed -n '1,6p' "${report%.html}.md"
