#!/usr/bin/env bash
# Usage: scripts/clean-test-projects.sh
#
# Deletes the LXD projects that earlier test runs left behind (named axion-it-*, axion-e2e*, axion-bench-*), with every instance
# in them. Each test class deletes its own project when it ends; a run that was killed cannot. Run it only when no
# test run is going on (scripts/test.sh does, before the tests).
set -euo pipefail

projects=$(lxc project list -f csv 2>/dev/null | cut -d, -f1 | sed 's/ (current)$//' | grep -E '^axion-(it-|e2e|bench-)' || true)
for project in $projects; do
  # Four at a time: a benchmark may have left hundreds.
  lxc list --project "$project" -f csv -c n </dev/null \
    | xargs -r -P 4 -I{} sh -c 'timeout 60 lxc delete --project "$1" --force "$2" </dev/null \
        || echo "clean-test-projects: cannot delete $1/$2" >&2' _ "$project" {}
  timeout 60 lxc project delete "$project" </dev/null >/dev/null \
    || echo "clean-test-projects: cannot delete project $project" >&2
done
