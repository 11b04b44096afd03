#!/usr/bin/env bash
# Records the git commit in Sources/CBuildInfo/commit.h (ignored by git) for `spendwatch --version`.
# Every script that builds calls it; a plain `swift build` without it reports the commit as "unknown".
set -euo pipefail
cd "$(dirname "$0")/.."
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit-dirty"; fi
header="#define SPENDWATCH_COMMIT \"$commit\""
file=Sources/CBuildInfo/commit.h
if [ ! -f "$file" ] || [ "$(cat "$file")" != "$header" ]; then
  printf '%s\n' "$header" > "$file"
  touch Sources/CBuildInfo/build_info.c
fi
