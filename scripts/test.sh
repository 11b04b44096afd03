#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, then swift test (Swift Testing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
bash scripts/build-info.sh
mkdir -p .build
# The full compiler log goes to a file; the terminal gets errors and the last line, and a failed
# build stops here instead of letting `swift test` run nothing.
# The compiler driver leaves `TemporaryDirectory.*` folders in TMPDIR: its own, under .build, not /tmp.
build_tmp="$PWD/.build/build-tmp"
mkdir -p "$build_tmp"
trap 'rm -rf "$build_tmp"' EXIT
if ! TMPDIR="$build_tmp" swift build --build-tests > .build/test-build.log 2>&1; then
  grep -E "error:" .build/test-build.log | head -40 >&2 || true
  tail -20 .build/test-build.log >&2
  echo "test: the build failed (full log: .build/test-build.log)" >&2
  exit 1
fi
grep -E "error:|warning:" .build/test-build.log | grep -v "^/.*/\.build/checkouts/" | sort -u | head -40 >&2 || true
tail -1 .build/test-build.log
# Swift Testing only: no XCTest suite exists, and its "Executed 0 tests" would read as a run of nothing.
# The tests, and everything they start, get a fresh empty TMPDIR: whatever is left in it afterwards
# is a leak and fails the run. SwiftPM's own leftovers there (`_….lock` files and
# `TemporaryDirectory.*` folders, which an empty `swift test` leaves too) are not the tests'.
tmp="$PWD/.build/test-tmp"
rm -rf "$tmp"
mkdir -p "$tmp"
status=0
TMPDIR="$tmp" swift test --skip-build --disable-xctest "$@" || status=$?
left=$(find "$tmp" -mindepth 1 -maxdepth 1 ! \( -type f -name '_*.lock' \) ! \( -type d -name 'TemporaryDirectory.*' \) | sort)
if [ -n "$left" ]; then
  echo "test: the tests left $(printf '%s\n' "$left" | wc -l) entries in TMPDIR ($tmp):" >&2
  printf '%s\n' "$left" | sed "s|^$tmp/|  |" | head -40 >&2
  [ "$status" -ne 0 ] || status=1
else
  rm -rf "$tmp"
fi
exit "$status"
