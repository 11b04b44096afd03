#!/usr/bin/env bash
# Runs every test: installs what is missing, then swift test (Swift Testing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
swift build --build-tests 2>&1 | grep -E "error|warning: var|Compiling|Build complete" | grep -v "^\[" || true
swift test --skip-build "$@"
