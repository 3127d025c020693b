// A transient "something went wrong" line over the current screen, for faults the snapshot cannot explain
// (INTERNAL and transport failures). The live region is always rendered so screen readers announce changes.
import { useEffect } from 'react';
import { useT } from '../i18n/index.ts';
import { uiSelectors, useAtmStore } from '../store/index.ts';

/** Long enough to read twice at kiosk distance, short enough not to linger into the next customer. */
const NOTICE_VISIBLE_MS = 5000;

export function NoticeBanner() {
  const t = useT();
  const notice = useAtmStore(uiSelectors.notice);

  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => useAtmStore.getState().dismissNotice(notice.id), NOTICE_VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [notice]);

  return (
    <div className="notice" role="status" data-testid="notice">
      {notice ? t(notice.key) : null}
    </div>
  );
}
