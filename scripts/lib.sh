# Shared helpers for the setup, build and test scripts: timed stages and input hashing.
stage_started=0
stage() {
  local name="$1"; shift
  local t0; t0=$(date +%s)
  echo "==> $name"
  "$@"
  local status=$?
  local t1; t1=$(date +%s)
  echo "<== $name: $((t1 - t0)) s (status $status)"
  return $status
}

# hash_inputs PATH... prints one sha256 over the listed files and directories (sorted, content + path).
hash_inputs() {
  find "$@" -type f -not -path '*/node_modules/*' -print0 2>/dev/null | LC_ALL=C sort -z \
    | xargs -0 sha256sum | sha256sum | cut -c1-16
}
