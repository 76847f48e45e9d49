#!/usr/bin/env bash
# Installs the js-ipfs test node and helia (the trustless test gateway) (issue 6) into e2e/ipfs-node/node_modules,
# only when package-lock.json changed since the last install (a stamp holds its sha256). Concurrent callers
# (parallel test files) wait on a lock. About 4 to 9 minutes and 850 MB cold (2,400 packages); nothing here
# touches the app's own install. A machine-wide copy (~/.cache/carti-studio/ipfs-node/<lock sha256>) makes
# later clones on the same machine take seconds.
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
rm -rf node_modules
# A machine-wide copy per lock hash (as guest/build.sh keeps the guest images), so another clone on this
# machine links it instead of installing again; hard links when the file system allows, else a copy.
shared=${XDG_CACHE_HOME:-$HOME/.cache}/carti-studio/ipfs-node/$want
if [[ -x "$shared/node_modules/.bin/jsipfs" && -f "$shared/node_modules/.carti-lock-sha256" ]]; then
  echo "linking the js-ipfs test node from $shared" >&2
  cp -al "$shared/node_modules" node_modules 2>/dev/null || { rm -rf node_modules; cp -a "$shared/node_modules" node_modules; }
  exit 0
fi
echo "installing the js-ipfs test node and helia (e2e/ipfs-node, several minutes cold)" >&2
npm install --no-save --no-audit --no-fund --loglevel=error >&2
if [[ "$(sha256sum package-lock.json | cut -d' ' -f1)" != "$want" ]]; then
  echo "e2e/ipfs-node/setup.sh: npm changed package-lock.json; restore it with git checkout" >&2
  exit 1
fi
echo "$want" > node_modules/.carti-lock-sha256
mkdir -p "$(dirname "$shared")"
rm -rf "$shared.tmp" && mkdir -p "$shared.tmp" &&
  { cp -al node_modules "$shared.tmp/node_modules" 2>/dev/null || cp -a node_modules "$shared.tmp/node_modules"; } &&
  rm -rf "$shared" && mv "$shared.tmp" "$shared" || echo "e2e/ipfs-node/setup.sh: could not keep a machine-wide copy (not needed)" >&2
