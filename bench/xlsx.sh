#!/usr/bin/env bash
# The XLSX reader beside the CSV reader on the same cumulative figures (default 1 million rows over
# 20,000 sub-projects): release build, data made once under bench/data/ (openpyxl), RUNS runs each in a
# fresh process, median wall time and peak RSS (GNU time), written to bench/RESULTS-xlsx.md.
#   bench/xlsx.sh
#   ROWS=100000 RUNS=5 bench/xlsx.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-1000000}"
PROJECTS="${PROJECTS:-20000}"
RUNS="${RUNS:-3}"
python3 -c 'import openpyxl' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check openpyxl
swift build -c release --product spendwatch-bench >&2
base="bench/data/figures-${ROWS}x${PROJECTS}"
mkdir -p bench/data
[ -f "$base.xlsx" ] || python3 bench/generate_xlsx.py --rows "$ROWS" --projects "$PROJECTS" -o "$base" > "$base.expected"
expected=$(cat "$base.expected")
out="bench/RESULTS-xlsx.md"
{
  echo "# XLSX beside CSV: $ROWS rows, $PROJECTS sub-projects"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB;" \
       "files: $(du -h "$base.xlsx" | cut -f1) XLSX, $(du -h "$base.csv" | cut -f1) CSV. Generator's totals: \`$expected\`."
  echo
  echo "| reader | median s | runs (s) | median CPU s (user+sys) | peak RSS MiB | output |"
  echo "|---|---:|---|---:|---:|---|"
} > "$out"
for kind in xlsx csv; do
  times=()
  cpus=()
  rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M %U %S" -o .build/bench-time .build/release/spendwatch-bench figures "$base.$kind" > .build/bench-out
    read -r t m u k < .build/bench-time
    times+=("$t")
    cpus+=("$(awk -v u="$u" -v k="$k" 'BEGIN { print u + k }')")
    [ "$m" -gt "$rss" ] && rss=$m
    got=$(cat .build/bench-out)
    [ "$got" = "$expected" ] || { echo "xlsx.sh: $kind printed '$got', the generator wrote '$expected'" >&2; exit 1; }
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "| $kind | $median | ${times[*]} | $cpu | $((rss / 1024)) | \`$got\` |" >> "$out"
done
cat "$out"
