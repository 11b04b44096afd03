#!/usr/bin/env bash
# The whole run at national scale: `spendwatch run --dry-run` on 20,000 sub-projects beside DuckDB and
# pandas, at each size in SIZES (default 1, 2, 5 and 10 million rows); writes bench/RESULTS-run.md.
#   bench/run-all.sh
#   SIZES="1000000 2000000" RUNS=5 bench/run-all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-1000000 2000000 5000000 10000000}"
PROJECTS="${PROJECTS:-20000}"

python3 -c 'import duckdb, pandas' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check duckdb pandas
[ -n "${NO_BUILD:-}" ] || swift build -c release --product spendwatch >&2

mkdir -p bench/data
for rows in $SIZES; do
  data="bench/data/transactions-${rows}x${PROJECTS}.csv"
  plan="bench/data/plan-${rows}x${PROJECTS}.yml"
  [ -f "$data" ] || python3 bench/generate.py --rows "$rows" --projects "$PROJECTS" -o "$data"
  [ -f "$plan" ] || python3 bench/generate_plan.py --rows "$rows" --projects "$PROJECTS" -o "$plan"
done
# shellcheck disable=SC2086
PROJECTS="$PROJECTS" python3 bench/measure_run.py $SIZES
