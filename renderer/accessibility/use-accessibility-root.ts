// Puts the session's display modes on <html>, where the CSS custom properties of styles.css pick them up: the
// theme (`data-contrast`) and the type scale (`data-text-size`, which rem units follow). Reset with the session.
import { useEffect } from 'react';
import { uiSelectors, useAtmStore } from '../store/index.ts';

export function useAccessibilityRoot(): void {
  const highContrast = useAtmStore(uiSelectors.highContrast);
  const largeText = useAtmStore(uiSelectors.largeText);
  useEffect(() => {
    document.documentElement.dataset.contrast = highContrast ? 'high' : 'normal';
  }, [highContrast]);
  useEffect(() => {
    document.documentElement.dataset.textSize = largeText ? 'large' : 'normal';
  }, [largeText]);
}
