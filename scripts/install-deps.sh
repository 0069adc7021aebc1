#!/usr/bin/env bash
# Installs what Jointly needs to build, run and test, from Debian's packages
# and the npm registry (versions pinned by package-lock.json). Safe to re-run:
# it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config git ccache
  libboost-dev libssl-dev zlib1g-dev libbrotli-dev
  libsqlite3-dev sqlite3 libpqxx-dev libpq-dev postgresql
  nlohmann-json3-dev libcli11-dev libmstch-dev libargon2-dev
  coinor-libcbc-dev glpk-utils
  libxlsxwriter-dev libzip-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core
  libcurl4-openssl-dev libical-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium wrk clang-format clang-tidy unzip poppler-utils
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$p")
  fi
done
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages: reinstall only when the lockfile changed since the last install.
stamp=node_modules/.jointly-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "Installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
