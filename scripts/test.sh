#!/usr/bin/env bash
# The one command that runs every test on a fresh machine: set-up, lint (with the import rules
# of DESIGN.md "Parts"), typecheck, unit and integration tests (SQLite and PostgreSQL), the
# extension build, and the real-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
npm run lint
npm run format:check
npm run test:unit
npm run build
# The popup's JS+CSS budget (DESIGN.md, "Budgets": ≤ 40 KB gzip); fails above it.
node scripts/size.mjs
# The real-browser tests load their own build: the store build plus the worker's test hook.
ZUARBEIT_E2E=1 npx wxt build
ZUARBEIT_E2E=1 npx wxt build -b firefox
npm run test:e2e
