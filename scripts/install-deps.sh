#!/usr/bin/env bash
# Installs what libsearch needs on Debian (bookworm or later). Safe to run
# again: apt-get skips what is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools          # the search engine; xapian-tools for delve/compact/tcpsrv
  libicu-dev libboost-locale-dev zlib1g-dev
  nlohmann-json3-dev libcli11-dev     # header-only: JSON and command-line parsing for the tools
  libgtest-dev libgmock-dev libbenchmark-dev
  python3
)
# Optional: the peer for benchmarks, and a 9.2 M-word vocabulary the tests use
# when present.
optional=(liblucene++-dev snowball-data)

missing=()
for p in "${packages[@]}" "${optional[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  SUDO=sudo
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"
# The optional ones must not stop a machine that lacks them.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${optional[@]}" ||
  echo "install-deps: optional packages not installed: ${optional[*]}" >&2
