#!/usr/bin/env bash
# npm ci when package-lock.json changed since the last install.
set -euo pipefail
stamp=node_modules/.carti-studio-lock
want=$(sha256sum package-lock.json | cut -c1-64)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then echo "npm packages up to date"; exit 0; fi
npm ci --no-audit --no-fund
echo "$want" > "$stamp"
