#!/usr/bin/env bash
# Crash test (bench/src/bin/crash.rs) on SQLite, then on PostgreSQL in a throwaway cluster.
# Extra arguments go to both runs, e.g. `scripts/crash-test.sh --cycles 200 --server target/debug/server`.
# The cluster runs with fsync off: the test kills the portal, never PostgreSQL, so that does
# not weaken what it checks. Exits non-zero if either run fails.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/toolchain.sh
cargo build --release -p bench --bin crash || exit 2
status=0
target/release/crash "$@" || status=1
eval "$(bash scripts/pg-test-cluster.sh)" || exit 2
trap 'bash scripts/pg-test-cluster.sh stop "$PORTAL_PG_DIR"' EXIT
target/release/crash --database-url "$PORTAL_TEST_PG_URL" "$@" || status=1
exit $status
