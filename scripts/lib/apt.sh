# Sourced by the setup scripts: apt_install PKG... installs packages non-interactively.
# Runs `apt-get update` only when the package lists do not know a package or the first attempt fails.
# Waits (up to APT_LOCK_TIMEOUT s, default 600) for a dpkg/apt lock held by another apt-get on this machine.
# On failure prints apt's output and returns non-zero.

apt_install() {
  local opts=(-y -q --no-install-recommends -o "DPkg::Lock::Timeout=${APT_LOCK_TIMEOUT:-600}")
  local out
  export DEBIAN_FRONTEND=noninteractive
  if apt-cache show "$@" >/dev/null 2>&1 && out=$(apt-get install "${opts[@]}" "$@" 2>&1); then
    return 0
  fi
  if ! out=$(apt-get update -q -o "DPkg::Lock::Timeout=${APT_LOCK_TIMEOUT:-600}" 2>&1); then
    echo "apt-get update failed:"$'\n'"$out" >&2
    return 1
  fi
  if ! out=$(apt-get install "${opts[@]}" "$@" 2>&1); then
    echo "apt-get install $* failed:"$'\n'"$out" >&2
    return 1
  fi
}
