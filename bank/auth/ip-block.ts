// Blocks an address after repeated authentication failures within a window. In memory and bounded: when the map is
// full the oldest entry is dropped (Map keeps insertion order), so a flood of addresses cannot exhaust memory.
export type IpBlockSettings = {
  readonly failuresMax: number;
  readonly windowMs: number;
  readonly blockMs: number;
  readonly entriesMax: number;
};

type Entry = { windowStartMs: number; failures: number; blockedUntilMs: number };

export function createIpBlocklist(settings: IpBlockSettings, now: () => number) {
  const entries = new Map<string, Entry>();
  return {
    /** Milliseconds the address is still blocked for, or 0. */
    blockedForMs(ip: string): number {
      const entry = entries.get(ip);
      if (!entry) return 0;
      const left = entry.blockedUntilMs - now();
      return left > 0 ? left : 0;
    },
    recordFailure(ip: string): void {
      const at = now();
      let entry = entries.get(ip);
      if (!entry || at - entry.windowStartMs > settings.windowMs) {
        entry = { windowStartMs: at, failures: 0, blockedUntilMs: entry?.blockedUntilMs ?? 0 };
      }
      entries.delete(ip); // re-insert: most recently active last
      entry.failures += 1;
      if (entry.failures >= settings.failuresMax) {
        entry.blockedUntilMs = at + settings.blockMs;
        entry.failures = 0;
        entry.windowStartMs = at;
      }
      entries.set(ip, entry);
      while (entries.size > settings.entriesMax) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    size(): number {
      return entries.size;
    },
  };
}

export type IpBlocklist = ReturnType<typeof createIpBlocklist>;
