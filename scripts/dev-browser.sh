#!/usr/bin/env bash
# `npm run dev:browser`: the kiosk core under Node, served to a browser. On a desktop the session's own keychain
# holds the device secrets; on a headless machine a private gnome-keyring kept in .data/keyring does, so the same
# data dir opens again next time.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(uname -s)" = Linux ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  export ATM_KEYRING_HOME="$PWD/.data/keyring"
  mkdir -p "$ATM_KEYRING_HOME"
  exec bash tests/support/with-keychain.sh node electron/browser-host/cli.ts "$@"
fi
exec node electron/browser-host/cli.ts "$@"
