#!/usr/bin/env bash
# What a phone downloads before each page works: opens every listed page cold in Debian's
# Chromium with a phone profile and prints, per page, the WebAssembly + JavaScript bytes on the
# wire (gzip and brotli), what a second visit fetches again, and the budget. Fails when a
# customer page is over its first-load budget or a second visit fetches code again.
#   scripts/first-load.sh            after `bash scripts/build.sh`
#   PERF_TIMING=1 scripts/first-load.sh   also: time to hydrated on slow 4G with a 4x slower CPU
# The table is also written to target/perf/first-load.json.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/end2end"
source "$ROOT/scripts/toolchain.sh"
PORTAL_E2E_SKIP_BUILD="${PORTAL_E2E_SKIP_BUILD:-1}" PORTAL_E2E_PORT="${PORTAL_PERF_PORT:-3200}" \
  npx playwright test -c perf.config.ts --reporter=list
