#!/usr/bin/env bash
# Installs the Debian packages given as arguments, only those missing. Runs apt-get update
# first, and uses sudo when not root. Without apt, says what to install and fails.
set -euo pipefail

missing=()
for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "poe-tui needs these packages (Debian names): ${missing[*]}" >&2
    echo "Install them with your system's package manager (ncursesw, libcurl with headers, pkg-config, tmux, python3 venv), then run make again." >&2
    exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Installing ${missing[*]} needs root, and sudo is not available." >&2; exit 1; }
    sudo=(sudo)
fi
echo "Installing missing packages: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
