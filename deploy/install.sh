#!/usr/bin/env bash
# Builds spendwatch in release mode and installs the binary, its templates and the systemd units.
#   sudo deploy/install.sh [--prefix /usr/local] [--no-units]
# Idempotent: running it again replaces the files with the new build.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local
units=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --no-units) units=no; shift ;;
    *) echo "install.sh: unknown option $1 (use --prefix DIR, --no-units)" >&2; exit 64 ;;
  esac
done

bash scripts/setup.sh
swift build -c release --product spendwatch 2>&1 | tail -1 >&2

install -D -m 0755 .build/release/spendwatch "$prefix/bin/spendwatch"
rm -rf "$prefix/share/spendwatch/Templates"
mkdir -p "$prefix/share/spendwatch"
cp -R Templates "$prefix/share/spendwatch/Templates"
install -D -m 0644 docs/OPERATIONS.md "$prefix/share/doc/spendwatch/OPERATIONS.md"
echo "installed $prefix/bin/spendwatch and $prefix/share/spendwatch/Templates" >&2

if [ "$units" = yes ] && [ -d /etc/systemd/system ]; then
  id spendwatch >/dev/null 2>&1 || useradd --system --home-dir /var/lib/spendwatch --shell /usr/sbin/nologin spendwatch
  install -d -m 0750 -o spendwatch -g spendwatch /var/lib/spendwatch
  install -d -m 0755 /etc/spendwatch
  install -m 0644 Schedules/spendwatch.service Schedules/spendwatch.timer /etc/systemd/system/
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    echo "units installed; put spendwatch.yml and plan.yml in /etc/spendwatch, check them with" >&2
    echo "  sudo -u spendwatch spendwatch validate --config /etc/spendwatch/spendwatch.yml" >&2
    echo "then: systemctl enable --now spendwatch.timer" >&2
  fi
fi
