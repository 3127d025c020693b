#!/usr/bin/env bash
# One command on a fresh Linux machine: set up everything the project needs, build, and run the kiosk in the
# browser host on its embedded default (local SQLite with demo data in .data/kiosk). Open the printed URL.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=./bootstrap.sh
. scripts/bootstrap.sh
exec npm run dev:browser
