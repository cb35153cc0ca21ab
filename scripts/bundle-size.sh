#!/usr/bin/env bash
# Prints the size of the WebAssembly bundle, its JS glue and the stylesheet: raw, gzip and
# brotli (the .gz/.br files the release build precompressed, which is what the server sends).
# File names carry a content hash (portal.<hash>.wasm).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shopt -s nullglob
for f in "$ROOT"/target/site/pkg/portal*.wasm "$ROOT"/target/site/pkg/portal*.js "$ROOT"/target/site/pkg/portal*.css; do
  raw=$(stat -c %s "$f")
  if [ -f "$f.gz" ]; then gz=$(stat -c %s "$f.gz"); else gz=$(gzip -9 -c "$f" | wc -c); fi
  br="-"; [ -f "$f.br" ] && br=$(stat -c %s "$f.br")
  printf '[size] %-36s %8d B raw  %8d B gzip  %8s B brotli\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
