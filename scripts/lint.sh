#!/usr/bin/env bash
# The lint gate, run first by scripts/test.sh: formatting, then clippy with warnings denied
# for both halves of the app (each has code the other does not compile: `ssr` for the server,
# `hydrate` for the browser). Clippy runs with rustup's toolchain, which has clippy; on a
# machine that builds the wasm with Debian's rustc-web (see scripts/toolchain.sh), that
# toolchain has no clippy, so the browser half is linted for the host target, where the same
# `hydrate` code compiles.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
echo "[lint] cargo fmt --check"
cargo fmt --all --check
echo "[lint] clippy, server build (ssr), all targets"
cargo clippy -q -p domain -p db -p app -p server -p bench --all-targets --features app/ssr -- -D warnings
echo "[lint] clippy, browser build (hydrate)"
if rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; then
  cargo clippy -q -p frontend --target wasm32-unknown-unknown -- -D warnings
else
  cargo clippy -q -p app --lib --features hydrate -- -D warnings
fi
echo "[lint] clean"
