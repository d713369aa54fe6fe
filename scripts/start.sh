#!/usr/bin/env bash
# Runs Zuarbeit on a fresh machine: installs packages, builds the extension (Chrome and
# Firefox, ready to load unpacked), then starts the sync endpoint on its embedded SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run build
echo
echo "Extension built: load .output/chrome-mv3 as an unpacked extension (chrome://extensions, Developer mode),"
echo "or .output/firefox-mv2 as a temporary add-on (about:debugging)."
echo
exec npm run server
