// Deny-by-default guards for every web contents and the session: no navigation away from the kiosk's own origin,
// no new windows, no <webview>, no permission (camera, geolocation, notifications…) ever granted.
import type { Session, WebContents } from 'electron';
import { originOf } from './protocol.ts';

/** True for URLs whose origin is one of `trustedOrigins` (app://kiosk, plus the dev server in development). */
export function createTrustedUrlCheck(trustedOrigins: readonly string[]): (url: string) => boolean {
  return (url) => {
    const origin = originOf(url);
    return origin !== null && trustedOrigins.includes(origin);
  };
}

/** Applied to each web contents as it is created (app `web-contents-created`), the kiosk window's included. */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  isTrustedUrl: (url: string) => boolean,
): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (!isTrustedUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // WebUSB/WebHID/Web Serial: the card reader and dispenser belong to main, never to the page.
  session.setDevicePermissionHandler(() => false);
}
