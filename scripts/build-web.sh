#!/usr/bin/env bash
# next build, skipped when no input of the web app changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
want=$(hash_inputs app components lib public emulator-wasm/src emulator-wasm/build next.config.mjs postcss.config.mjs package-lock.json tsconfig.json tsconfig.app.json)
stamp=.next/.carti-studio-inputs
if [ -f "$stamp" ] && [ -f .next/BUILD_ID ] && [ "$(cat "$stamp")" = "$want" ]; then echo "web app up to date"; exit 0; fi
npx next build
echo "$want" > "$stamp"
