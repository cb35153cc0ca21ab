#!/usr/bin/env bash
# Quick start: installs what is missing, builds the portal (server and WebAssembly), and
# serves it on http://127.0.0.1:3000 with demo data on first run. Ctrl-C stops it.
# Settings come from the environment (see README, "Configuration").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
source scripts/toolchain.sh
echo "[run] building (release)…"
bash scripts/build.sh
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$ROOT/target/site}"
exec "$ROOT/target/release/server"
