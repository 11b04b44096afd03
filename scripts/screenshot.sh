#!/usr/bin/env bash
# Renders the demo's browser report and e-mail HTML to PNG with headless Chromium, as a reader sees them.
# Installs Debian's chromium and the Noto CJK fonts (so Korean renders) when missing.
# Writes docs/report.png and docs/email.png. WEEK=2009-W20 picks another week.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "screenshot: installing ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

week="${WEEK:-2009-W26}"
swift build --product spendwatch 2>&1 | tail -1 >&2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
.build/debug/spendwatch run --config examples/daejeon-2009/spendwatch.yml --week "$week" --out "$out" >/dev/null

shoot() { # shoot FILE.html PNG WIDTH HEIGHT
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$3,$4" --screenshot="$PWD/$2" "file://$1" >/dev/null 2>&1
  echo "screenshot: $2 ($(du -k "$2" | cut -f1) KB)" >&2
}
mkdir -p docs
shoot "$out/$week/report.html" docs/report.png "${WIDTH:-1200}" "${HEIGHT:-2400}"
shoot "$out/$week/email.html" docs/email.png 760 "${EMAIL_HEIGHT:-1600}"
