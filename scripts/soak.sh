#!/usr/bin/env bash
# Soak test (bench/src/bin/soak.rs): one instance on SQLite, then two instances on one
# PostgreSQL database in a throwaway cluster (live events across instances).
# Extra arguments go to both runs, e.g. `scripts/soak.sh --users 200 --duration-secs 600`.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/toolchain.sh
cargo build --release -p bench --bin soak || exit 2
status=0
target/release/soak "$@" || status=1
eval "$(bash scripts/pg-test-cluster.sh)" || exit 2
trap 'bash scripts/pg-test-cluster.sh stop "$PORTAL_PG_DIR"' EXIT
target/release/soak --instances 2 --database-url "$PORTAL_TEST_PG_URL" "$@" || status=1
exit $status
