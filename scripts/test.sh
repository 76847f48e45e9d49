#!/usr/bin/env bash
# Sets everything up, then runs every test: unit and integration (vitest), then end to end (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
t0=$(date +%s)
stage "setup" bash scripts/setup.sh
stage "IPFS test node (e2e/ipfs-node)" bash e2e/ipfs-node/setup.sh
stage "unit and integration tests (vitest)" npx vitest run
stage "end-to-end tests (playwright, Debian chromium)" npx playwright test
echo "all tests passed in $(( $(date +%s) - t0 )) s"
