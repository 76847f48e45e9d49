#!/usr/bin/env bash
# Usage: apply-config.sh FRAGMENT DOTCONFIG
# Sets every `CONFIG_X=value` / `# CONFIG_X is not set` line of FRAGMENT in DOTCONFIG, replacing the
# option's existing line (busybox has no merge_config.sh; its kconfig then resolves dependencies in oldconfig).
set -euo pipefail
fragment=$1
dotconfig=$2
while IFS= read -r line; do
  case $line in
    CONFIG_*=*) name=${line%%=*} ;;
    "# CONFIG_"*" is not set") name=${line#\# }; name=${name%% *} ;;
    *) continue ;;
  esac
  grep -v -E "^(${name}=|# ${name} is not set$)" "$dotconfig" > "$dotconfig.tmp" || true
  printf '%s\n' "$line" >> "$dotconfig.tmp"
  mv "$dotconfig.tmp" "$dotconfig"
done < "$fragment"
