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
  PORTAL_SIGNIN_PER_ADDRESS=100000 PORTAL_SIGNIN_PER_ACCOUNT=100000 RUST_LOG=error \
  PORTAL_SURVEY_SECONDS=1 PORTAL_PUBLIC_URL="http://127.0.0.1:$PORT" PORTAL_MAIL_DIR="$DATA/mail" \
  "$ROOT/target/release/server" >"$DATA/log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
BASE="http://127.0.0.1:$PORT"
# sign_in EMAIL: a session cookie for that demo user.
sign_in() {
  curl -s -c "$DATA/jar-$1" -o /dev/null -H "Origin: $BASE" --data-urlencode "email=$1" --data-urlencode "password=demo-password" "$BASE/api/sign_in"
  awk '$6=="portal_session"{print "portal_session="$7}' "$DATA/jar-$1"
}
# call COOKIE FUNCTION NAME=VALUE...: a server function, as a form post.
call() {
  local cookie="$1" fn="$2"; shift 2
  local args=(); for a in "$@"; do args+=(--data-urlencode "$a"); done
  curl -sf -o /dev/null -H "Cookie: $cookie" -H "Origin: $BASE" "${args[@]}" "$BASE/api/$fn" || { echo "$fn failed" >&2; exit 1; }
}
COOKIE="$(sign_in user@acme.example)"
ADMIN="$(sign_in admin@provider.example)"; DESK="$(sign_in dispatcher@provider.example)"; ENG="$(sign_in engineer@provider.example)"
# A request of theirs, taken to closed, and its survey mailed at once (the survey link page).
call "$ADMIN" save_survey_settings delay_minutes=0 expiry_days=14 reminder_after_days=3 low_score_threshold=2 sample_percent=100 final_after_days=7
SITE="$(curl -s -H "Cookie: $COOKIE" "$BASE/requests/new" | grep -o 'name="site_id">\(<!--[^>]*-->\)*<option value="[0-9]*"' | grep -o 'value="[0-9]*"' | grep -Eo '[0-9]+' | head -1)"
call "$COOKIE" submit_request "title=Printer in room 3 jams" "description=It jams on every page since this morning." kind=consultation \
  fault_kind= severity=3 "system=HP M607" "site_id=$SITE" "contact_phone=+86 21 5555 0142"
NUMBER="$(curl -s -H "Cookie: $COOKIE" "$BASE/requests" | grep -Eo '/requests/SR-[0-9]{4}-[0-9]{6}' | head -1 | cut -d/ -f3 || true)"
ENGINEER="$(curl -s -H "Cookie: $DESK" "$BASE/staff/triage" | grep -o 'data-engineer="[0-9]*">\(<!--[^>]*-->\)*Li Qiang' | grep -o 'engineer="[0-9]*"' | grep -Eo '[0-9]+' | head -1)"
call "$DESK" dispatch_request "number=$NUMBER" "engineer_id=$ENGINEER"
call "$ENG" act_on_request "number=$NUMBER" action=start_work
call "$ENG" act_on_request "number=$NUMBER" action=resolve
call "$COOKIE" act_on_request "number=$NUMBER" action=confirm_resolution
LINK=""
for _ in $(seq 1 40); do
  LINK="$(node -e '
    const fs = require("fs"), path = require("path"), dir = process.argv[1];
    if (!fs.existsSync(dir)) process.exit(0);
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".eml"))) {
      const raw = fs.readFileSync(path.join(dir, f), "utf8"), at = raw.indexOf("\r\n\r\n"), head = raw.slice(0, at);
      let body = raw.slice(at + 4);
      if (/Transfer-Encoding: base64/i.test(head)) body = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
      else body = body.replace(/=\r?\n/g, "");
      const m = body.match(/\/s\/[A-Za-z0-9_-]{43}/);
      if (m) { console.log(m[0]); break; }
    }' "$DATA/mail")"
  [ -n "$LINK" ] && break; sleep 0.5
done
echo "| page | performance | time to interactive | total blocking time | layout shift | LCP | accessibility |"
echo "|---|---|---|---|---|---|---|"
for entry in "sign-in|/sign-in|" "home|/|c" "request list|/requests|c" "request page|/requests/$NUMBER|c" "new request|/requests/new|c" "survey link|$LINK|"; do
  IFS='|' read -r name path signed <<<"$entry"
  headers='{}'; [ -n "$signed" ] && headers="{\"Cookie\":\"$COOKIE\"}"
  out="$DATA/$RANDOM.json"
  CHROME_PATH=/usr/bin/chromium "$LH_DIR/node_modules/.bin/lighthouse" "$BASE$path" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    --only-categories=performance,accessibility --extra-headers="$headers" --output=json --output-path="$out" >/dev/null 2>&1 || true
  node -e '
    const r = require(process.argv[1]); const a = r.audits; const ms = (k) => Math.round(a[k].numericValue) + " ms";
    console.log(`| ${process.argv[2]} | ${Math.round(r.categories.performance.score * 100)} | ${ms("interactive")} | ${ms("total-blocking-time")} | ${a["cumulative-layout-shift"].numericValue.toFixed(3)} | ${ms("largest-contentful-paint")} | ${Math.round(r.categories.accessibility.score * 100)} |`);
    // What an accessibility score under 100 is made of.
    const failed = r.categories.accessibility.auditRefs.filter((x) => x.weight > 0 && a[x.id].score !== null && a[x.id].score < 1);
    for (const f of failed) console.log(`|   ↳ ${f.id}: ${(a[f.id].details?.items ?? []).map((i) => i.node?.snippet ?? "").join(" ").slice(0, 300)} | | | | | |`);
  ' "$out" "$name" || echo "| $name | (no report) | | | | | |"
done
