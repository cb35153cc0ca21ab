#!/usr/bin/env bash
# The release build of both halves, as every script runs it: the server binary and the
# WebAssembly bundle, every file under target/site/pkg named after its content hash and
# precompressed beside itself (.br by cargo-leptos; .gz again with `gzip -9`, because the
# .gz cargo-leptos writes is about 20 % larger than gzip's best).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/toolchain.sh
cargo leptos build --release --precompress "$@"
find target/site/pkg -type f ! -name '*.gz' ! -name '*.br' -print0 | while IFS= read -r -d '' f; do
  gzip -9 -n -c "$f" > "$f.gz"
done
