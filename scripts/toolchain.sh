#!/usr/bin/env bash
# Sourced by the other scripts. Picks the Rust toolchain that can target wasm32 and
# puts it first on PATH, so the server and browser halves build with one compiler.
# On ordinary machines that is rustup's; on machines that cannot download Rust targets
# it is Debian's rustc-web (see ../shared/TOOLCHAIN.md), set up by scripts/setup.sh.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
WASM_STD_DIR=/usr/lib/rustlib/wasm32-unknown-unknown/lib
if [ -f "$WASM_STD_DIR/.stamp" ] && ! rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; then
  # Debian's toolchain first; cargo-installed tools (wasm-bindgen) stay reachable.
  export PATH="/usr/bin:$PATH"
  export PORTAL_TOOLCHAIN=debian
else
  export PORTAL_TOOLCHAIN=rustup
fi
