#!/usr/bin/env bash
# Installs the Debian packages Carti Studio uses, once. Adds a bookworm deb-src entry (for busybox's source).
set -euo pipefail
PACKAGES=(
  chromium lua5.4 e2fsprogs genext2fs device-tree-compiler
  gcc-riscv64-linux-gnu libc6-dev-riscv64-cross linux-source-6.1
  bc flex bison libssl-dev libelf-dev cpio xz-utils dpkg-dev make gcc
  util-linux qemu-system-misc zstd valgrind
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
need_update=0
src=/etc/apt/sources.list.d/carti-studio-src.sources
if [ ! -f "$src" ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "setup must run as root to add $src" >&2; exit 1; fi
  cat > "$src" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  need_update=1
fi
if [ ${#missing[@]} -gt 0 ] || [ $need_update -eq 1 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "missing Debian packages (${missing[*]}); run setup as root" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
echo "debian packages ok"
