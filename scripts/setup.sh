#!/usr/bin/env bash
# Installs what Zuarbeit needs on a fresh Debian machine: npm packages, and (with --browser)
# Debian's Chromium and firefox-esr for the real-browser tests, and a running PostgreSQL for the adapter tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--test" ]; then
  apt_updated=0
  apt_install() {
    if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  }
  if [ -z "${CHROME_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt_install chromium
  fi
  # Real Firefox for the Firefox browser tests, with its German language pack for the German UI.
  if [ -z "${FIREFOX_PATH:-}" ] && { ! command -v firefox-esr >/dev/null 2>&1 || ! dpkg -s firefox-esr-l10n-de >/dev/null 2>&1; }; then
    echo "Installing Debian's firefox-esr (and its German language pack) for the browser tests..."
    apt_install firefox-esr firefox-esr-l10n-de
  fi
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    if [ ! -d /etc/postgresql ] || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
      echo "Installing PostgreSQL for the storage adapter tests..."
      apt_install postgresql
    fi
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
    pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2; exit 1; }
  fi
fi
