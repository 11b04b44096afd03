#!/usr/bin/env bash
# Installs what spendwatch needs on Debian when it is missing: libcurl, SQLite and libpq headers,
# pkg-config, and (with --test) the PostgreSQL server and the Python peers the tests run against.
set -euo pipefail

need_apt=()
pkg-config --exists libcurl 2>/dev/null || need_apt+=(libcurl4-openssl-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
[ -f /usr/include/sqlite3.h ] || need_apt+=(libsqlite3-dev)
pkg-config --exists libpq 2>/dev/null || need_apt+=(libpq-dev)
if [ "${1:-}" = "--test" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
  # The schedule tests: systemd-analyze (verify, security, calendar) and faketime (the crontab's guard).
  command -v systemd-analyze >/dev/null 2>&1 || need_apt+=(systemd)
  command -v faketime >/dev/null 2>&1 || need_apt+=(faketime)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need_apt[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "${1:-}" = "--test" ]; then
  # kubernetes-validate: the manifests in deploy/k8s against the Kubernetes schemas it ships (offline);
  # prometheus-client: its text parser reads the metrics file as node_exporter would.
  python3 - <<'PY' 2>/dev/null || { echo "setup: installing Python test peers" >&2; python3 -m pip install -q --disable-pip-version-check aiosmtpd standardwebhooks kubernetes-validate prometheus-client; }
import aiosmtpd, standardwebhooks, kubernetes_validate, prometheus_client
PY
fi
