#!/bin/bash
# deb postrm for ATM Kiosk (electron-builder.yml deb.afterRemove). Part 1 repeats electron-builder's default
# after-remove; part 2 disables the kiosk unit on removal. The data (/var/lib/atm-kiosk), the keyring password
# (/etc/atm-kiosk) and the atm-kiosk user are kept even on purge: they hold a bank's journal and ledger, which only
# staff may archive and delete (docs/linux-kiosk.md).

# --- 1. electron-builder's defaults ---
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi

# --- 2. the kiosk session ---
case "${1:-remove}" in
    remove|purge)
        # The unit file is already gone: stop what still runs and drop the enablement links by hand.
        if [ -d /run/systemd/system ]; then
            systemctl stop atm-kiosk.service >/dev/null 2>&1 || true
        fi
        rm -f /etc/systemd/system/*.wants/atm-kiosk.service
        if [ -d /run/systemd/system ]; then
            systemctl daemon-reload || true
        fi
        echo "ATM Kiosk removed. Its data stays in /var/lib/atm-kiosk and its keyring password in /etc/atm-kiosk."
        ;;
    *)
        # upgrade, failed-upgrade, abort-*: the new version's postinst keeps everything as it is.
        ;;
esac
