#!/usr/bin/env bash
# Makes sure the machine has what gotriage needs to build, run and test.
# On Debian/Ubuntu as root, installs what is missing with apt; otherwise prints the exact
# command to run and stops. Usage: scripts/ensure-deps.sh [tests]
# With `tests`, also what only the tests use.
set -euo pipefail

# mount: FullDiskTests mounts a small tmpfs (as root) to fill it.
packages=(libedit-dev golang-go git openssh-client openssh-server python3 pkg-config mount)
tools=(go git ssh python3 pkg-config mount umount)
if [[ "${1:-}" == tests ]]; then
  # graphviz: GraphCommandTests renders `gotriage graph --format dot` with the real dot.
  # python3-yaml, python3-jsonschema: SchemaTests check Playbooks/schema.json with a real validator.
  packages+=(graphviz python3-yaml python3-jsonschema)
  tools+=(dot)
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "gotriage needs the Swift toolchain (6.2 or later) on PATH; see https://www.swift.org/install/" >&2
  exit 1
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
  done
else
  # Not Debian: check for the commands and the library instead of package names.
  for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [[ -x /usr/sbin/sshd ]] || missing+=("sshd")
  pkg-config --exists libedit 2>/dev/null || missing+=("libedit")
  if ((${#missing[@]})); then
    echo "gotriage needs: ${missing[*]}. Install them with your system's package manager." >&2
    exit 1
  fi
  exit 0
fi

((${#missing[@]} == 0)) && exit 0

if [[ $(id -u) -eq 0 ]]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "gotriage needs these packages. Install them, then run make again:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
