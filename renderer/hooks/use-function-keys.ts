// Function keys F1–F8 stand in for an ATM's screen-side buttons: F1 picks the first option on screen, and so on.
import { useWindowKeydown } from './use-window-keydown.ts';

/** Side buttons an ATM has; options past this count are reachable by touch only. */
export const FUNCTION_KEYS_MAX = 8;

/** `enabled` is false while a keypad covers the options (the keys must not press buttons that are not shown). */
export function useFunctionKeys(actions: readonly (() => void)[], enabled = true): void {
  useWindowKeydown((event) => {
    const match = /^F(\d)$/.exec(event.key);
    const index = match ? Number(match[1]) - 1 : -1;
    if (index < 0 || index >= FUNCTION_KEYS_MAX) return;
    // F-keys have browser meanings (F5 reloads); on these screens they belong to the kiosk.
    event.preventDefault();
    if (!event.repeat) actions[index]?.();
  }, enabled);
}
