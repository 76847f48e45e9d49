#!/usr/bin/env bash
# Installs the js-ipfs test node (issue 6) into e2e/ipfs-node/node_modules, only when package-lock.json changed
# since the last install (a stamp holds its sha256). Concurrent callers (parallel test files) wait on a lock.
# About 3.5 minutes and 300 MB cold; nothing here touches the app's own install.
# `npm ci` cannot be used: ipfs → electron-webrtc → electron-eval has an optional dependency on a GitHub
# tarball (`headless`) that is unreachable here, and `npm ci` refuses the lock without it. `npm install
# --no-save` from a clean node_modules installs exactly the lock's versions, skips that optional package, and
# never rewrites the lock.
set -euo pipefail
cd "$(dirname "$0")"
exec 9>.setup.lock
flock 9
want=$(sha256sum package-lock.json | cut -d' ' -f1)
have=$(cat node_modules/.carti-lock-sha256 2>/dev/null || true)
if [[ "$want" == "$have" && -x node_modules/.bin/jsipfs ]]; then
  exit 0
fi
echo "installing the js-ipfs test node (e2e/ipfs-node, about 3.5 minutes cold)" >&2
rm -rf node_modules
npm install --no-save --no-audit --no-fund --loglevel=error >&2
if [[ "$(sha256sum package-lock.json | cut -d' ' -f1)" != "$want" ]]; then
  echo "e2e/ipfs-node/setup.sh: npm changed package-lock.json; restore it with git checkout" >&2
  exit 1
fi
echo "$want" > node_modules/.carti-lock-sha256
