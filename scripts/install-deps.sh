#!/usr/bin/env bash
# Installs the Debian packages heed needs to build, test and run, and only those missing.
# Runs apt-get directly as root (CI) and through sudo otherwise.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libcpprest-dev libssl-dev rapidjson-dev libsqlite3-dev sqlite3 libicu-dev
  libboost-program-options-dev libcld2-dev libstemmer-dev libexpat1-dev libcurl4-openssl-dev
  python3 python3-aiosmtpd chromium
  libgtest-dev libgmock-dev libbenchmark-dev
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
