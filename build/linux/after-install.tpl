#!/bin/bash
# deb postinst for ATM Kiosk (electron-builder.yml deb.afterInstall; ${...} are filled in by electron-builder).
# Part 1 repeats electron-builder's default after-install (a custom script replaces it); part 2 sets up the kiosk
# session: the unprivileged atm-kiosk user, the keyring password credential, and the enabled (not started) unit.
set -e

# --- 1. electron-builder's defaults: /usr/bin link, Chromium sandbox helper, AppArmor profile, desktop databases ---
if type update-alternatives >/dev/null 2>&1; then
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 || ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

# The SUID sandbox helper only where unprivileged user namespaces do not work.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi
if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# AppArmor profile (Ubuntu 24+ needs it for Chromium's user-namespace sandbox), only where the parser accepts it.
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the AppArmor profile: this AppArmor does not support it"
  fi
fi

# --- 2. the kiosk session ---
KIOSK_USER=atm-kiosk
KIOSK_HOME=/var/lib/atm-kiosk
KIOSK_ETC=/etc/atm-kiosk

# An unprivileged system account with no login shell; its home is the service's state dir.
if ! getent group "$KIOSK_USER" >/dev/null; then
    groupadd --system "$KIOSK_USER"
fi
if ! getent passwd "$KIOSK_USER" >/dev/null; then
    useradd --system --gid "$KIOSK_USER" --home-dir "$KIOSK_HOME" --no-create-home \
        --shell /usr/sbin/nologin --comment "ATM Kiosk" "$KIOSK_USER"
fi
# Serial cash dispensers and card readers (dialout), receipt printers on USB (lp). Groups missing here are skipped.
for group in dialout lp; do
    if getent group "$group" >/dev/null; then
        usermod --append --groups "$group" "$KIOSK_USER"
    fi
done

# The password that unlocks the kiosk's keyring: random, root-only, made once and kept across upgrades. The unit
# hands it to the session (LoadCredential=). Losing it makes the device secrets, and so every PIN, unusable.
install -d -m 0700 -o root -g root "$KIOSK_ETC"
if [ ! -s "$KIOSK_ETC/keyring-password" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 > "$KIOSK_ETC/keyring-password")
fi
chmod 0600 "$KIOSK_ETC/keyring-password"

# Enabled for the next boot, never started or restarted here: an upgrade must not cut a customer's session short.
# (systemctl restart atm-kiosk when the kiosk is idle runs the new version at once.)
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload || true
fi
systemctl enable atm-kiosk.service >/dev/null 2>&1 || true
