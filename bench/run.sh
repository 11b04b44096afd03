#!/usr/bin/env bash
# One command: builds release, makes the data if missing, times spendwatch's intake against DuckDB
# and pandas on the same file, and writes bench/RESULTS.md.
#   bench/run.sh                  # 10 million rows over 20,000 sub-projects
#   ROWS=1000000 bench/run.sh     # a quick check
#   RUNS=5 DEMO_RUNS=9 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-10000000}"
PROJECTS="${PROJECTS:-20000}"

python3 -c 'import duckdb, pandas' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check duckdb pandas
swift build -c release --product spendwatch-bench >&2
swift build -c release --product spendwatch >&2

data="bench/data/transactions-${ROWS}x${PROJECTS}.csv"
mkdir -p bench/data
[ -f "$data" ] || python3 bench/generate.py --rows "$ROWS" --projects "$PROJECTS" -o "$data"
python3 bench/measure.py "$data"
