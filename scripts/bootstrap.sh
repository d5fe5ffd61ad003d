#!/usr/bin/env bash
# Installs the Debian packages the product needs (idempotent): PostgreSQL 15, Redis 7, and the
# tools TorchSharp's Debian 12 fix uses (patchelf, g++), and chromium for the web front-end's browser tests (Playwright
# drives it; nothing downloads a browser). Only missing packages are installed.
set -euo pipefail

packages=(postgresql-15 postgresql-client-15 redis-server redis-tools patchelf g++ openssl curl ca-certificates chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "bootstrap: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); elif command -v sudo >/dev/null; then sudo_cmd=(sudo); else
  echo "bootstrap: missing packages (${missing[*]}) and no root or sudo to install them" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
# policy-rc.d keeps apt from starting the system-wide services: the project runs its own instances.
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
