#!/usr/bin/env bash
# Runs a command with a real OS keychain: a private D-Bus session with an unlocked gnome-keyring (Secret Service).
# The kiosk keeps its device secrets only in the keychain and refuses to start without one, so the tests use the
# real thing. The keyring lives in a temp dir removed afterwards, or in ATM_KEYRING_HOME when that is set.
set -euo pipefail

if [ "$(uname -s)" != "Linux" ] || [ -n "${ATM_KEYCHAIN_READY:-}" ]; then
  exec "$@"
fi

# Always a private session bus, so tests never read or write the developer's own keychain.
if [ -z "${ATM_OWN_BUS:-}" ]; then
  command -v dbus-run-session >/dev/null || { echo "with-keychain: dbus-run-session not found (apt-get install dbus)" >&2; exit 1; }
  export ATM_OWN_BUS=1
  exec dbus-run-session -- bash "$0" "$@"
fi

if ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keychain: gnome-keyring-daemon not found (apt-get install gnome-keyring)" >&2
  exit 1
fi
# A throwaway keyring for this run: its own data dir, unlocked with a throwaway password.
if [ -z "${ATM_KEYRING_HOME:-}" ]; then
  ATM_KEYRING_HOME=$(mktemp -d)
  trap 'rm -rf "$ATM_KEYRING_HOME"' EXIT
fi
export XDG_DATA_HOME="$ATM_KEYRING_HOME/data" XDG_RUNTIME_DIR="$ATM_KEYRING_HOME/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'kiosk-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL ATM_KEYCHAIN_READY=1
"$@"
