// What a keypad press does in headphone mode: it interrupts the speech and plays the key tone, the same for
// every key, so nothing audible tells which digit of a PIN or amount was pressed. Outside headphone mode: nothing.
import { useCallback } from 'react';
import { uiSelectors, useAtmStore } from '../store/index.ts';
import { cancelSpeech } from './speech.ts';
import { playKeyTone } from './tone.ts';

export function useKeypadFeedback(): () => void {
  const speech = useAtmStore(uiSelectors.speech);
  return useCallback(() => {
    if (!speech) return;
    cancelSpeech();
    playKeyTone();
  }, [speech]);
}
