#!/usr/bin/env bash
# The release build of both halves, as every script runs it (run.sh, test.sh, the end-to-end
# server): the server binary and the WebAssembly bundle, every file under target/site/pkg
# named after its content hash and precompressed beside itself (.gz and .br).
#
# This is the project's own build driver: it does what `cargo leptos build --release
# --precompress` did for this project, with tools that install in seconds (wasm-bindgen-cli,
# and binaryen's wasm-opt and esbuild from npm), so a new machine no longer spends 20 minutes
# compiling cargo-leptos before it can serve a page. `cargo leptos watch` still works for
# development where cargo-leptos is installed (Cargo.toml keeps its settings).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/toolchain.sh
NAME=portal
SITE="$ROOT/target/site"
PKG="$SITE/pkg"
log() { printf '\033[1m[build]\033[0m %s\n' "$*" >&2; }

# What cargo-leptos hands to both cargo builds (Leptos reads LEPTOS_OUTPUT_NAME at compile
# time), kept the same so its builds and these share compiled artifacts.
export LEPTOS_OUTPUT_NAME=$NAME LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend LEPTOS_BIN_DIR=server \
  LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt
# Both halves type-erased (`always-erase-components`): the server's render and the browser's
# hydration must have the same structure (ARCHITECTURE.md, "Bundle size").
export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }--cfg erase_components"

# 1. The browser half: the islands as WebAssembly, its JavaScript glue, the stylesheet.
log "browser half (wasm32, profile wasm-release)"
cargo build --package=frontend --lib --target-dir=target/front --target=wasm32-unknown-unknown --profile=wasm-release
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
wasm-bindgen --target=web --no-typescript --out-name=$NAME --out-dir="$OUT" target/front/wasm32-unknown-unknown/wasm-release/frontend.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$OUT/${NAME}_bg.wasm" -o "$OUT/$NAME.wasm"
esbuild "$OUT/$NAME.js" --minify --log-level=warning --outfile="$OUT/$NAME.min.js"
esbuild style/main.css --minify --log-level=warning --outfile="$OUT/$NAME.css"

# 2. Names after content (hash.txt lists them for the server's hydration scripts), the site's
#    public files beside them, and every file precompressed.
rm -rf "$SITE"
mkdir -p "$PKG"
cp -R public/. "$SITE/"
hash_of() { sha256sum "$1" | cut -c1-22; }
js_hash=$(hash_of "$OUT/$NAME.min.js"); wasm_hash=$(hash_of "$OUT/$NAME.wasm"); css_hash=$(hash_of "$OUT/$NAME.css")
cp "$OUT/$NAME.min.js" "$PKG/$NAME.$js_hash.js"
cp "$OUT/$NAME.wasm" "$PKG/$NAME.$wasm_hash.wasm"
cp "$OUT/$NAME.css" "$PKG/$NAME.$css_hash.css"
# Snippets (`#[wasm_bindgen(module = …)]`) are imported by their own names: not renamed.
[ -d "$OUT/snippets" ] && cp -R "$OUT/snippets" "$PKG/"
printf 'js: %s\nwasm: %s\ncss: %s\n' "$js_hash" "$wasm_hash" "$css_hash" > "$ROOT/target/hash.txt"
node scripts/precompress.mjs "$SITE"

# 3. The server half, with the hash file beside its binary (where Leptos looks for it).
log "server half (release)"
cargo build --package=server --bin=server --release
cp "$ROOT/target/hash.txt" "$ROOT/target/release/hash.txt"
log "done: target/release/server, $PKG"
