#!/usr/bin/env bash
# Builds, in order: guest images -> embedded default listing -> emulator wasm -> web app.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
stage "guest images" bash guest/build.sh
stage "default listing" npx tsx scripts/build-default-listing.ts
stage "emulator wasm" node scripts/build-wasm.mjs
stage "web app" bash scripts/build-web.sh
