#!/usr/bin/env bash
# Installs whatever this machine lacks to build, run and test the portal. Idempotent:
# every step checks first and does nothing when the tool is already there.
#   scripts/setup.sh          build and run needs (toolchain, wasm-bindgen, wasm-opt, esbuild)
#   scripts/setup.sh --test   also the test needs (Chromium, Playwright, PostgreSQL)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WANT_TEST=0; [ "${1:-}" = "--test" ] && WANT_TEST=1
WASM_BINDGEN_VERSION="$(grep -Eo 'wasm-bindgen = "=[0-9.]+"' "$ROOT/Cargo.toml" | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+')"
log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
APT_UPDATED=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || { log "please install: ${missing[*]}"; return 1; }
  if [ $APT_UPDATED = 0 ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# 1. A Rust toolchain that targets wasm32.
have_rustup_wasm() { rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; }
if ! have_rustup_wasm && command -v rustup >/dev/null && [ ! -f /usr/lib/rustlib/wasm32-unknown-unknown/lib/.stamp ]; then
  log "trying rustup target add wasm32-unknown-unknown (60 s at most)"
  timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || log "rustup could not add the target; using Debian's toolchain"
fi
if ! have_rustup_wasm; then
  apt_install rustc-web cargo-web rust-web-src lld-22
  STD_DIR=/usr/lib/rustlib/wasm32-unknown-unknown/lib
  want_stamp="$(/usr/bin/rustc --version)"
  if [ "$(cat "$STD_DIR/.stamp" 2>/dev/null)" != "$want_stamp" ]; then
    log "building the wasm32 standard library for $want_stamp (a few minutes, once)"
    scratch="$(mktemp -d)"
    (cd "$scratch" && PATH=/usr/bin:$PATH cargo new -q --lib scratch && cd scratch &&
      PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 cargo build -q --release --target wasm32-unknown-unknown \
        -Zbuild-std=std,panic_abort,panic_unwind,proc_macro)
    $SUDO mkdir -p "$STD_DIR"
    $SUDO rm -f "$STD_DIR"/lib*.rlib
    $SUDO cp "$scratch"/scratch/target/wasm32-unknown-unknown/release/deps/lib*.rlib "$STD_DIR/"
    $SUDO rm -f "$STD_DIR"/libscratch-*.rlib
    echo "$want_stamp" | $SUDO tee "$STD_DIR/.stamp" >/dev/null
    rm -rf "$scratch"
  fi
fi
source "$ROOT/scripts/toolchain.sh"
log "toolchain: $PORTAL_TOOLCHAIN ($(rustc --version))"

# 2. wasm-bindgen, at the version Cargo.toml pins (the build driver, scripts/build.sh, runs it;
#    cargo-leptos is not needed: installing it took 20 minutes on 2 cores).
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Built for a short run on one file: no LTO, many codegen units, so it compiles in minutes.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 3. Node packages: wasm-opt (binaryen) and esbuild for release builds, Playwright and axe for tests.
command -v npm >/dev/null || apt_install nodejs npm
if [ ! -x "$ROOT/end2end/node_modules/.bin/wasm-opt" ] || [ ! -x "$ROOT/end2end/node_modules/.bin/esbuild" ] || [ "$ROOT/end2end/package.json" -nt "$ROOT/end2end/node_modules/.installed" ]; then
  log "npm install in end2end/"
  (cd "$ROOT/end2end" && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi

# 4. Test-only needs: Debian's Chromium (never a downloaded browser), PostgreSQL, and a real
#    SMTP server for the mail tests (aiosmtpd, pinned, in a virtualenv under target/).
if [ $WANT_TEST = 1 ]; then
  apt_install chromium chromium-driver postgresql
  SMTP_VENV="$ROOT/target/smtp-venv"
  if ! "$SMTP_VENV/bin/python" -c 'import aiosmtpd' 2>/dev/null; then
    log "pip install aiosmtpd (the tests' SMTP server) into target/smtp-venv"
    python3 -m venv "$SMTP_VENV"
    "$SMTP_VENV/bin/pip" install -q aiosmtpd==1.4.6
  fi
fi
log "ready"
