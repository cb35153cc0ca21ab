#!/usr/bin/env bash
# Prints the size of the WebAssembly bundle and its JS glue, raw and gzip-compressed.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for f in "$ROOT"/target/site/pkg/portal.wasm "$ROOT"/target/site/pkg/portal_bg.wasm "$ROOT"/target/site/pkg/portal.js "$ROOT"/target/site/pkg/portal.css; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  printf '[size] %-16s %8d B raw  %8d B gzip\n' "$(basename "$f")" "$raw" "$gz"
done
