#!/usr/bin/env bash
# Service reports over a million requests (bench/src/bin/reports.rs): the month and the year,
# provider-wide and for one organization, computed as the page does. Built with the release
# build's flags, so it shares its compiled artifacts. Arguments go to the bench
# (`--requests N`, `--runs N`, a PostgreSQL URL).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }--cfg erase_components"
export LEPTOS_OUTPUT_NAME=portal LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend LEPTOS_BIN_DIR=server \
  LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt
exec cargo run -q --release -p bench --bin reports -- "$@"
