#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine: system packages, then a Python virtual environment with
# the project. A second run installs nothing. Usage: scripts/setup.sh  (called by `make setup`).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  chromium chromium-headless-shell fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-liberation2   # web renderer
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3  # PySide6 offscreen
  fonts-liberation   # game renderer: Liberation Sans Narrow (only in v1 of the Liberation fonts)
)
EXTRAS="web,desktop,game,data,train,ray,dev"
VENV=.venv
PYTHON=${PYTHON:-python3}

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)  # `npm ci` of realset/ and renderers/web/kits/
# The real-world development set's Debian -doc packages, at the versions pinned in realset/apt-packages.txt.
while IFS='=' read -r p v; do
  [ "$(dpkg-query -W -f='${Status} ${Version}' "$p" 2>/dev/null)" = "install ok installed $v" ] || missing+=("$p=$v")
done < <(grep -v '^[[:space:]]*\(#\|$\)' realset/apt-packages.txt)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends --allow-downgrades \
    "${missing[@]}" >/dev/null
fi

# The real-world set's npm pages, fonts and CDN stand-ins, exactly as realset/package-lock.json pins them.
npm_stamp="realset/node_modules/.installed-$(sha256sum realset/package-lock.json | cut -c1-16)"
if [ ! -f "$npm_stamp" ]; then
  echo "[setup] installing the real-world set's npm sources into realset/node_modules"
  npm ci --prefix realset --ignore-scripts --no-audit --no-fund --loglevel=error
  touch "$npm_stamp"
fi

# The web renderer's CSS kits (kit-* styles), exactly as renderers/web/kits/package-lock.json pins them.
kits_stamp="renderers/web/kits/node_modules/.installed-$(sha256sum renderers/web/kits/package-lock.json | cut -c1-16)"
if [ ! -f "$kits_stamp" ]; then
  echo "[setup] installing the web styles' CSS kits into renderers/web/kits/node_modules"
  npm ci --prefix renderers/web/kits --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error
  touch "$kits_stamp"
fi

stamp="$VENV/.installed-$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  echo "[setup] installing the project into $VENV (extras: $EXTRAS)"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[$EXTRAS]"
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi
