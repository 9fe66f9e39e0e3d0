#!/usr/bin/env bash
# Usage: scripts/check-scripts.sh
#
# Every shell script of the repository parses, and none reads a pipe with a reader that may quit early
# (`| grep -q`, `| head`, `| sed ...q`, `| awk ... exit`): under `set -o pipefail` the writer then dies of SIGPIPE
# now and then and the pipeline fails by chance (build-busybox.sh's `busybox --list | grep -qx httpd`, 4 runs in
# 300). Read the output whole instead: `out=$(cmd)` then `grep -q ... <<<"$out"`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# After a pipe: grep with -q/-l/-m (in any place among its options), head, sed's q command, awk's exit.
early_reader='(^|[^|])\|[[:space:]]*(grep([[:space:]]+-[^[:space:]|]*)*[[:space:]]+(-[[:alnum:]]*[qlm][[:alnum:]]*|--quiet|--silent|--max-count[= ]|--files-with-matches)|head([[:space:]]|$)|sed[[:space:]][^|]*[0-9/$]q|awk[[:space:]][^|]*exit)'
failures=0
checked=0
while IFS= read -r -d '' script; do
  checked=$((checked + 1))
  if ! bash -n "$script"; then
    echo "check-scripts: $script does not parse" >&2
    failures=$((failures + 1))
  fi
  if hits=$(grep -nE "$early_reader" "$script" | grep -vE '^[0-9]+:[[:space:]]*#'); then
    echo "check-scripts: $script reads a pipe with a reader that may quit early (fails by chance under pipefail):" >&2
    echo "$hits" >&2
    failures=$((failures + 1))
  fi
done < <(find scripts bench .ci -type f \( -name '*.sh' -o -path '.ci/run' \) -print0)
echo "check-scripts: $((checked - failures)) passed, $failures failed"
[[ $failures -eq 0 ]]
