#!/usr/bin/env bash
# Server render speed as a browser feels it: wrk (2 threads) against a running portal with a
# site manager's session cookie, on the request list, one request's page and /healthz (a
# trivial handler of the same server, for comparison), at 8 and 64 connections.
#   scripts/render-load.sh <server binary> <database url> [request number]
# The database is typically one `cargo run --release -p bench -- --requests 1000000 --keep`
# filled (its path is printed at the end). Prints one markdown table.
set -euo pipefail
BIN="${1:?server binary}"; DB="${2:?database url}"; NUMBER="${3:-}"
PORT="${PORTAL_LOAD_PORT:-3400}"; SECS="${PORTAL_LOAD_SECONDS:-15}"
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$(mktemp -d /tmp/portal-load.XXXXXX)"
PORTAL_DATA_DIR="$DATA" DATABASE_URL="$DB" PORTAL_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT="$ROOT/target/site" \
  PORTAL_SIGNIN_PER_ADDRESS=100000 PORTAL_SIGNIN_PER_ACCOUNT=100000 RUST_LOG=error "$BIN" >"$DATA/log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
JAR="$DATA/jar"
curl -s -c "$JAR" -o /dev/null -H "Origin: http://127.0.0.1:$PORT" \
  --data-urlencode "email=lead@acme.example" --data-urlencode "password=demo-password" "http://127.0.0.1:$PORT/api/sign_in"
COOKIE="$(awk '$6=="portal_session"{print "portal_session="$7}' "$JAR")"
[ -n "$COOKIE" ] || { echo "could not sign in"; cat "$DATA/log"; exit 1; }
if [ -z "$NUMBER" ]; then
  NUMBER="$(curl -s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/requests" | grep -Eo '/requests/SR-[0-9]{4}-[0-9]{6}' | head -1 | cut -d/ -f3)"
fi
# Warm up first, unreported: the server's jobs make their first runs at start, and the first
# requests fill the caches (SQLite's pages, prepared statements, the allocator's arenas).
for path in /requests "/requests/$NUMBER"; do
  wrk -t2 -c8 -d3s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$path" >/dev/null
done
echo "| page | connections | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
for path in /requests "/requests/$NUMBER" /healthz; do
  for c in 8 64; do
    out="$(wrk -t2 -c"$c" -d"${SECS}s" --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$path")"
    rps="$(awk '/Requests\/sec/{print $2}' <<<"$out")"
    p50="$(awk '$1=="50%"{print $2}' <<<"$out")"; p99="$(awk '$1=="99%"{print $2}' <<<"$out")"
    errs="$(awk '/Non-2xx|Socket errors/{printf "%s ", $0}' <<<"$out")"
    echo "| $path | $c | $rps | $p50 | $p99 | ${errs:-0} |"
  done
done
