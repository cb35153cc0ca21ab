#!/usr/bin/env bash
# Lighthouse's mobile run (its default: a phone on slow 4G, 4x slower CPU, simulated) on the
# customer pages, in Debian's Chromium, never a downloaded browser. Prints performance, time to
# interactive, total blocking time, layout shift and accessibility per page. A figure to
# report, not a test. Run after `bash scripts/build.sh`.
# Lighthouse is the npm package, pinned, installed into end2end/.lighthouse on first use.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LH_VERSION=13.5.0
LH_DIR="$ROOT/end2end/.lighthouse"
if [ ! -x "$LH_DIR/node_modules/.bin/lighthouse" ] || ! grep -q "\"version\": \"$LH_VERSION\"" "$LH_DIR/node_modules/lighthouse/package.json"; then
  mkdir -p "$LH_DIR"
  (cd "$LH_DIR" && npm install --no-audit --no-fund --loglevel=error --no-save "lighthouse@$LH_VERSION" >/dev/null)
fi
PORT="${PORTAL_LH_PORT:-3500}"
DATA="$(mktemp -d /tmp/portal-lh.XXXXXX)"
PORTAL_DATA_DIR="$DATA" PORTAL_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT="$ROOT/target/site" \
  PORTAL_SIGNIN_PER_ADDRESS=100000 PORTAL_SIGNIN_PER_ACCOUNT=100000 RUST_LOG=error "$ROOT/target/release/server" >"$DATA/log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
BASE="http://127.0.0.1:$PORT"
curl -s -c "$DATA/jar" -o /dev/null -H "Origin: $BASE" --data-urlencode "email=user@acme.example" --data-urlencode "password=demo-password" "$BASE/api/sign_in"
COOKIE="$(awk '$6=="portal_session"{print "portal_session="$7}' "$DATA/jar")"
# A request of theirs to open (the demo has none yet): filed like the form files it.
SITE="$(curl -s -H "Cookie: $COOKIE" "$BASE/requests/new" | grep -o 'name="site_id">\(<!--[^>]*-->\)*<option value="[0-9]*"' | grep -o 'value="[0-9]*"' | grep -Eo '[0-9]+' | head -1)"
curl -s -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" --data-urlencode "title=Printer in room 3 jams" \
  --data-urlencode "description=It jams on every page since this morning." --data-urlencode "kind=fault" \
  --data-urlencode "fault_kind=hardware" --data-urlencode "severity=3" --data-urlencode "system=HP M607" \
  --data-urlencode "site_id=$SITE" --data-urlencode "contact_phone=+86 21 5555 0142" "$BASE/api/submit_request"
NUMBER="$(curl -s -H "Cookie: $COOKIE" "$BASE/requests" | grep -Eo '/requests/SR-[0-9]{4}-[0-9]{6}' | head -1 | cut -d/ -f3 || true)"
echo "| page | performance | time to interactive | total blocking time | layout shift | LCP | accessibility |"
echo "|---|---|---|---|---|---|---|"
for entry in "sign-in|/sign-in|" "home|/|c" "request list|/requests|c" "request page|/requests/$NUMBER|c" "new request|/requests/new|c"; do
  IFS='|' read -r name path signed <<<"$entry"
  headers='{}'; [ -n "$signed" ] && headers="{\"Cookie\":\"$COOKIE\"}"
  out="$DATA/$RANDOM.json"
  CHROME_PATH=/usr/bin/chromium "$LH_DIR/node_modules/.bin/lighthouse" "$BASE$path" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    --only-categories=performance,accessibility --extra-headers="$headers" --output=json --output-path="$out" >/dev/null 2>&1 || true
  node -e '
    const r = require(process.argv[1]); const a = r.audits; const ms = (k) => Math.round(a[k].numericValue) + " ms";
    console.log(`| ${process.argv[2]} | ${Math.round(r.categories.performance.score * 100)} | ${ms("interactive")} | ${ms("total-blocking-time")} | ${a["cumulative-layout-shift"].numericValue.toFixed(3)} | ${ms("largest-contentful-paint")} | ${Math.round(r.categories.accessibility.score * 100)} |`);
  ' "$out" "$name" || echo "| $name | (no report) | | | | | |"
done
