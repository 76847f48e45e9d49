#!/usr/bin/env bash
# Sets up everything Carti Studio needs on Debian 12 (run as root): Debian packages, npm packages,
# the default guest machine images, the embedded listing, the emulator wasm and the web app build.
# Idempotent: each step is skipped when its inputs have not changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

check_node() {
  local version; version=$(node -p 'process.versions.node' 2>/dev/null || echo 0)
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=9)?0:1)'; then
    echo "Carti Studio needs Node.js >= 20.9 with npm (found: $version). Install it and run again." >&2
    exit 1
  fi
}

stage "node version" check_node
stage "debian packages" bash scripts/setup-debian.sh
stage "npm packages" bash scripts/setup-npm.sh
stage "build" bash scripts/build.sh
