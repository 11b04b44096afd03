#!/usr/bin/env bash
# Installs spendwatch: the binary, its templates, the operations doc and (as root, on systemd machines)
# the systemd units. Builds the release binary first unless --binary names one already built.
#   sudo deploy/install.sh [--prefix /usr/local] [--binary PATH] [--no-units]
#   deploy/install.sh --prefix "$HOME/.local" --no-units      # no root needed
# The binary goes to PREFIX/bin/spendwatch and the templates to PREFIX/share/spendwatch/Templates,
# where the binary finds them when called by name from PATH, from any working directory.
# Idempotent: running it again replaces the files with the new ones.
set -euo pipefail

usage="use --prefix DIR, --binary PATH, --no-units"
prefix=/usr/local
binary=""
units=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 64; }; prefix="$2"; shift 2 ;;
    --binary) [ $# -ge 2 ] || { echo "install.sh: --binary needs a path" >&2; exit 64; }; binary="$2"; shift 2 ;;
    --no-units) units=no; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 ($usage)" >&2; exit 64 ;;
  esac
done
# Both are given relative to where the script was called from, not to the repository.
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
if [ -n "$binary" ]; then
  case "$binary" in /*) ;; *) binary="$PWD/$binary" ;; esac
  [ -f "$binary" ] && [ -x "$binary" ] || { echo "install.sh: --binary $binary is not an executable file" >&2; exit 66; }
fi
if [ "$units" = yes ] && [ -d /etc/systemd/system ] && [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: installing the systemd units needs root (sudo), or pass --no-units" >&2
  exit 77
fi
cd "$(dirname "$0")/.."

if [ -z "$binary" ]; then
  bash scripts/setup.sh
  bash scripts/build-info.sh   # the commit `spendwatch --version` names
  swift build -c release --product spendwatch 2>&1 | tail -1 >&2
  binary=.build/release/spendwatch
fi

install -D -m 0755 "$binary" "$prefix/bin/spendwatch"
rm -rf "$prefix/share/spendwatch/Templates"
mkdir -p "$prefix/share/spendwatch"
cp -R Templates "$prefix/share/spendwatch/Templates"
install -D -m 0644 docs/OPERATIONS.md "$prefix/share/doc/spendwatch/OPERATIONS.md"
echo "installed $prefix/bin/spendwatch and $prefix/share/spendwatch/Templates" >&2

if [ "$units" = yes ] && [ -d /etc/systemd/system ]; then
  id spendwatch >/dev/null 2>&1 || useradd --system --home-dir /var/lib/spendwatch --shell /usr/sbin/nologin spendwatch
  install -d -m 0750 -o spendwatch -g spendwatch /var/lib/spendwatch
  install -d -m 0755 /etc/spendwatch
  for unit in spendwatch.service spendwatch.timer spendwatch-failure@.service; do
    # The units name /usr/local/bin/spendwatch and /usr/local/share/doc: point them at this prefix.
    sed -e "s|/usr/local/bin/spendwatch|$prefix/bin/spendwatch|g" -e "s|/usr/local/share/doc|$prefix/share/doc|g" \
      "Schedules/$unit" > "/etc/systemd/system/$unit.tmp"
    chmod 0644 "/etc/systemd/system/$unit.tmp"
    mv "/etc/systemd/system/$unit.tmp" "/etc/systemd/system/$unit"
  done
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    echo "units installed; put spendwatch.yml and plan.yml in /etc/spendwatch, check them with" >&2
    echo "  sudo -u spendwatch $prefix/bin/spendwatch validate --config /etc/spendwatch/spendwatch.yml" >&2
    echo "then: systemctl enable --now spendwatch.timer" >&2
  fi
fi
