#!/usr/bin/env bash
# Playwright's webServer: builds the portal if needed (incremental, quick when up to date) and
# serves it on a fresh SQLite database with demo data, on port 3100.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/toolchain.sh
if [ "${PORTAL_E2E_SKIP_BUILD:-0}" != 1 ]; then
  bash scripts/build.sh >&2
fi
DATA="$(mktemp -d /tmp/portal-e2e.XXXXXX)"
export PORTAL_DATA_DIR="$DATA"
export PORTAL_ADDR="127.0.0.1:${PORTAL_E2E_PORT:-3100}"
export LEPTOS_SITE_ROOT="$ROOT/target/site"
# Many sign-ins from one address and to the same accounts are the point of these tests.
export PORTAL_SIGNIN_PER_ADDRESS=100000 PORTAL_SIGNIN_PER_ACCOUNT=100000
# Surveys: sent and mailed within a second or two, as .eml files the survey journey reads.
export PORTAL_SURVEY_SECONDS=1 PORTAL_PUBLIC_URL="http://127.0.0.1:${PORTAL_E2E_PORT:-3100}"
export PORTAL_MAIL_DIR="${PORTAL_E2E_MAIL_DIR:-/tmp/portal-e2e-mail}"
rm -rf "$PORTAL_MAIL_DIR"
export RUST_LOG="${RUST_LOG:-warn}"
exec "$ROOT/target/release/server"
