// Renderer benchmarks for `npm run bench`: figures and targets printed, never asserted.
//  1. Bundle: gzip -9 (what a server would send) and raw size of every JS file in dist/renderer     target ≤ 250 kB
//  2. Keypress → next frame in Chromium, through the browser host against the real core, on PIN entry and on the
//     withdrawal's "Other amount" keypad, physical keys and on-screen taps mixed                 target p95 < 50 ms
//     The physical limit is the frame interval itself, measured in the same page in the same run, so the figure
//     reads as frames and means the same on a laptop and on a kiosk.
// The browser host keeps its device secrets in the OS keychain: run under `bash tests/support/with-keychain.sh`.
import { chromium, type Browser, type JSHandle, type Page } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { constants as zlibConstants, gzipSync } from 'node:zlib';

const repoRoot = resolve(import.meta.dirname, '../..');
const RENDERER_DIR = join(repoRoot, 'dist', 'renderer');
const HOST_SHIM_FILE = join(repoRoot, 'dist', 'browser-host', 'atm-shim.js');

/** kB as Vite prints them: 1 kB = 1000 bytes. */
const BYTES_PER_KB = 1000;
const TARGETS = { bundleGzipKb: 250, keypressP95Ms: 50 } as const;

const PRESSES_PER_SCREEN = 100;
/**
 * Digits typed before a Clear, never followed by Enter: under the PIN maximum (12), and 999 999 at most is within the
 * amount keypad's 1 000 000 whole units for the demo's EUR (AMOUNT_MINOR_MAX in renderer/components/AmountEntry.tsx).
 * Odd runs (6 digits + Clear) so that Clear alternates between Backspace and the on-screen Clear key.
 */
const DIGITS_BEFORE_CLEAR = 6;
/** rAF-to-rAF deltas sampled on the idle PIN screen for the frame interval. */
const FRAME_SAMPLES = 120;
const HOST_READY_TIMEOUT_MS = 30_000;
const HOST_EXIT_TIMEOUT_MS = 5_000;
const SCREEN_TIMEOUT_MS = 15_000;
/** A press whose DOM change and frame have not arrived by then is a broken run, not a slow sample. */
const SAMPLE_TIMEOUT_MS = 2_000;
const BUILD_TIMEOUT_MS = 180_000;
/** dist/renderer may be rebuilt by someone else while it is read (Vite empties the folder first). */
const BUNDLE_READ_ATTEMPTS = 3;
const BUNDLE_RETRY_DELAY_MS = 2_000;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ANA = { demoCardId: 'ana', pin: '4921' } as const;

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const kb = (bytes: number) => (bytes / BYTES_PER_KB).toFixed(1);
const delay = (ms: number) => new Promise((resolveDelay) => setTimeout(resolveDelay, ms));

// ---------------------------------------------------------------------------------------------------------------
// Build

async function runNpmScript(script: string): Promise<void> {
  // Under `npm run` npm says where it lives; otherwise the npm on PATH (a .cmd on Windows needs a shell).
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli ? [process.execPath, [npmCli, 'run', script]] : ['npm', ['run', script]];
  const child = spawn(command, args, {
    cwd: repoRoot,
    // Build chatter goes to stderr so stdout stays the figures.
    stdio: ['ignore', process.stderr, process.stderr],
    shell: !npmCli && process.platform === 'win32',
  });
  const timer = setTimeout(() => child.kill('SIGTERM'), BUILD_TIMEOUT_MS);
  try {
    const code = await new Promise<number | null>((resolveExit, reject) => {
      child.once('error', reject);
      child.once('exit', resolveExit);
    });
    if (code !== 0) throw new Error(`npm run ${script} failed (exit ${code})`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Builds only what the bench loads when it is missing: the renderer and the browser host's `window.atm` shim
 * (`npm run build` would also compile Electron main, which the bench never runs).
 */
async function ensureBuilt(): Promise<void> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    console.log('dist/renderer is missing: running npm run build:renderer');
    await runNpmScript('build:renderer');
  }
  if (!existsSync(HOST_SHIM_FILE)) {
    console.log('dist/browser-host/atm-shim.js is missing: running npm run build:host-shim');
    await runNpmScript('build:host-shim');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Bundle size

type BundleSize = {
  readonly entryFiles: readonly string[];
  readonly files: number;
  readonly rawBytes: number;
  readonly gzipBytes: number;
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function measureBundleOnce(): BundleSize {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  // What index.html loads up front: the entry module and any modulepreloaded chunks.
  const entryFiles = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)]
    .map((match) => match[1] ?? '')
    .map((src) => relative(RENDERER_DIR, resolve(RENDERER_DIR, src)));
  // Every JS file counts, lazy chunks included: the customer flow can reach every screen.
  const jsFiles = filesUnder(RENDERER_DIR).filter((path) => /\.m?js$/.test(path));
  for (const entry of entryFiles) {
    if (!jsFiles.includes(join(RENDERER_DIR, entry)))
      throw new Error(`index.html loads ${entry}, which is not in dist/renderer`);
  }
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const path of jsFiles) {
    const source = readFileSync(path);
    rawBytes += source.length;
    // Each file is compressed on its own, as a server sends it.
    gzipBytes += gzipSync(source, { level: zlibConstants.Z_BEST_COMPRESSION }).length;
  }
  return { entryFiles, files: jsFiles.length, rawBytes, gzipBytes };
}

async function measureBundle(): Promise<BundleSize> {
  for (let attempt = 1; ; attempt++) {
    try {
      return measureBundleOnce();
    } catch (cause) {
      const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
      if (!missing || attempt >= BUNDLE_READ_ATTEMPTS) throw cause;
      await delay(BUNDLE_RETRY_DELAY_MS); // mid-rebuild: the files come back when Vite finishes
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The browser host, started as tests/e2e/fixtures/kiosk-host.ts does

type Host = { readonly child: ChildProcess; readonly url: string; readonly output: string[] };

async function startHost(dataDir: string): Promise<Host> {
  const output: string[] = [];
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'electron/browser-host/cli.ts'), '--data-dir', dataDir, '--port', '0'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      let buffered = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output.push(chunk.toString());
        buffered += chunk.toString();
        const line = buffered.split('\n').find((candidate) => candidate.startsWith('{"ready":true'));
        if (line) resolveUrl((JSON.parse(line) as { url: string }).url);
      });
      child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) =>
        reject(
          new Error(
            `browser host exited (${code}) before it was ready: ${output.join('').trim()}\n` +
              'It needs the OS keychain: run the bench under `bash tests/support/with-keychain.sh`.',
          ),
        ),
      );
      timer = setTimeout(
        () => reject(new Error(`browser host not ready after ${HOST_READY_TIMEOUT_MS} ms`)),
        HOST_READY_TIMEOUT_MS,
      );
    });
    return { child, url, output };
  } catch (cause) {
    await stopHost(child);
    throw cause;
  } finally {
    clearTimeout(timer);
  }
}

async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), HOST_EXIT_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------------------------
// In-page harness. These functions run in Chromium (Playwright sends their source), so they reach nothing outside
// their own body and see the page through the few DOM types below: tsconfig.node.json has no DOM lib, and adding
// one here would leak DOM globals into every Node file of the project.

type PageElement = {
  closest(selectors: string): PageElement | null;
  dispatchEvent(event: unknown): boolean;
};
type PageInputEvent = {
  readonly type: string;
  readonly timeStamp: number;
  readonly key?: string;
  readonly repeat?: boolean;
  readonly target: Partial<PageElement> | null;
};
type Sample = { readonly source: 'key' | 'tap'; readonly ms: number };
type Harness = {
  readonly samples: Sample[];
  waitForSamples(count: number, timeout_ms: number): Promise<void>;
  tap(testId: string): void;
  frameIntervals(count: number): Promise<number[]>;
};
type PageGlobals = {
  readonly document: { readonly body: PageElement; querySelector(selectors: string): PageElement | null };
  addEventListener(
    type: 'keydown' | 'click',
    listener: (event: PageInputEvent) => void,
    options: { capture: true },
  ): void;
  requestAnimationFrame(callback: (time_ms: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  readonly performance: { now(): number };
  readonly MutationObserver: new (callback: () => void) => {
    observe(
      target: PageElement,
      options: { subtree: true; childList: true; attributes: true; characterData: true },
    ): void;
  };
  readonly MessageChannel: new () => {
    readonly port1: { onmessage: (() => void) | null };
    readonly port2: { postMessage(message: null): void };
  };
  readonly PointerEvent: new (
    type: string,
    init: { bubbles: true; cancelable: true; pointerType: 'touch'; isPrimary: true },
  ) => unknown;
  readonly MouseEvent: new (type: string, init: { bubbles: true; cancelable: true; detail: 1 }) => unknown;
};

/**
 * Measures each keypad press from its input event to the first frame after the DOM changed.
 *
 * Start: `event.timeStamp` of the keydown (a digit or Backspace) or of the click on a keypad key, read in a capture
 * listener on window, so before React or the kiosk's own listeners run; for a physical key that is the time the
 * browser received it, so input queueing counts. End: a MutationObserver sees the press's DOM change (React commits a
 * discrete update within the same task), then `requestAnimationFrame` → `MessageChannel` post, read with
 * `performance.now()` when the message arrives. Rendering (style, layout, paint, commit to the compositor) runs
 * right after the rAF callbacks of that frame, and the posted message is the first task after it, so this marks
 * the end of the frame that shows the change. A second rAF instead would wait for the start of the frame after
 * that, adding up to one whole frame interval to every sample; setTimeout(0) may be clamped or queued behind other
 * work. What happens after the commit (GPU raster, scan-out) is outside the page and the same for any web page.
 */
function installHarness(): Harness {
  const page = globalThis as unknown as PageGlobals;
  const samples: Sample[] = [];
  let pending: { source: 'key' | 'tap'; t0: number } | null = null;
  let awaitingFrame = false;
  let waiter: (() => void) | null = null;

  const channel = new page.MessageChannel();
  channel.port1.onmessage = () => {
    if (!pending) return;
    samples.push({ source: pending.source, ms: page.performance.now() - pending.t0 });
    pending = null;
    awaitingFrame = false;
    waiter?.();
  };
  new page.MutationObserver(() => {
    if (!pending || awaitingFrame) return;
    awaitingFrame = true;
    page.requestAnimationFrame(() => channel.port2.postMessage(null));
  }).observe(page.document.body, { subtree: true, childList: true, attributes: true, characterData: true });

  const start = (source: 'key' | 'tap', t0: number) => {
    if (!pending) pending = { source, t0 };
  };
  page.addEventListener(
    'keydown',
    (event) => {
      const key = event.key ?? '';
      if (!event.repeat && ((key.length === 1 && key >= '0' && key <= '9') || key === 'Backspace'))
        start('key', event.timeStamp);
    },
    { capture: true },
  );
  page.addEventListener(
    'click',
    (event) => {
      if (event.target?.closest?.('[data-testid^="key-"]')) start('tap', event.timeStamp);
    },
    { capture: true },
  );

  return {
    samples,
    waitForSamples: (count, timeout_ms) =>
      new Promise<void>((resolveWait, reject) => {
        const check = () => {
          if (samples.length < count) return;
          waiter = null;
          resolveWait();
        };
        waiter = check;
        check();
        page.setTimeout(() => {
          if (samples.length >= count) return;
          waiter = null;
          pending = null;
          awaitingFrame = false;
          reject(new Error(`press ${count} changed nothing on screen within ${timeout_ms} ms`));
        }, timeout_ms);
      }),
    // The events a finger on a touchscreen produces, dispatched on the key; React acts on the click.
    tap: (testId) => {
      const key = page.document.querySelector(`[data-testid="${testId}"]`);
      if (!key) throw new Error(`no ${testId} on screen`);
      const pointer = { bubbles: true, cancelable: true, pointerType: 'touch', isPrimary: true } as const;
      const mouse = { bubbles: true, cancelable: true, detail: 1 } as const;
      key.dispatchEvent(new page.PointerEvent('pointerdown', pointer));
      key.dispatchEvent(new page.MouseEvent('mousedown', mouse));
      key.dispatchEvent(new page.PointerEvent('pointerup', pointer));
      key.dispatchEvent(new page.MouseEvent('mouseup', mouse));
      key.dispatchEvent(new page.MouseEvent('click', mouse));
    },
    frameIntervals: (count) =>
      new Promise<number[]>((resolveFrames) => {
        const times: number[] = [];
        const onFrame = (time_ms: number) => {
          times.push(time_ms);
          if (times.length > count) resolveFrames(times.slice(1).map((time, index) => time - (times[index] ?? time)));
          else page.requestAnimationFrame(onFrame);
        };
        page.requestAnimationFrame(onFrame);
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Keypress → frame

type Press = { readonly source: 'key' | 'tap'; readonly action: 'digit' | 'clear'; readonly digit: string };

/**
 * The presses for one keypad screen: runs of DIGITS_BEFORE_CLEAR digits (never a leading 0, which the amount
 * keypad refuses) each followed by a Clear, alternating physical key and on-screen tap press by press. Every press
 * changes what is on screen, and nothing is ever submitted: no Enter, no Escape.
 */
function pressPlan(count: number): Press[] {
  return Array.from({ length: count }, (_, index) => {
    const source = index % 2 === 0 ? 'key' : 'tap';
    const position = index % (DIGITS_BEFORE_CLEAR + 1);
    const action = position === DIGITS_BEFORE_CLEAR ? 'clear' : 'digit';
    return { source, action, digit: String(1 + ((index * 7) % 9)) };
  });
}

async function measurePresses(page: Page, bench: JSHandle<Harness>, presses: readonly Press[]): Promise<Sample[]> {
  const first = await bench.evaluate((harness) => harness.samples.length);
  for (const [index, press] of presses.entries()) {
    const wait = { count: first + index + 1, timeout_ms: SAMPLE_TIMEOUT_MS };
    if (press.source === 'key') {
      await page.keyboard.press(press.action === 'clear' ? 'Backspace' : press.digit);
      await bench.evaluate((harness, { count, timeout_ms }) => harness.waitForSamples(count, timeout_ms), wait);
    } else {
      const testId = press.action === 'clear' ? 'key-clear' : `key-${press.digit}`;
      // Dispatch and wait in one round trip; the sample is timed in the page either way.
      await bench.evaluate(
        (harness, { testId, count, timeout_ms }) => {
          harness.tap(testId);
          return harness.waitForSamples(count, timeout_ms);
        },
        { ...wait, testId },
      );
    }
  }
  return bench.evaluate((harness, from) => harness.samples.slice(from), first);
}

type LatencyResult = {
  readonly frameIntervalMs: number;
  readonly pin: readonly Sample[];
  readonly amount: readonly Sample[];
};

async function measureKeypressLatency(page: Page, url: string): Promise<LatencyResult> {
  await page.goto(url);
  await page.locator('[data-app-state="ready"]').waitFor({ timeout: SCREEN_TIMEOUT_MS });
  const bench = await page.evaluateHandle(installHarness);

  await page.getByTestId(`demo-card-${ANA.demoCardId}`).click();
  await page.locator('main[data-screen="pin_entry"]').waitFor({ timeout: SCREEN_TIMEOUT_MS });
  // The physical limit, on this page while nothing changes: the compositor's frame interval.
  const intervals = await bench.evaluate((harness, count) => harness.frameIntervals(count), FRAME_SAMPLES);
  const pin = await measurePresses(page, bench, pressPlan(PRESSES_PER_SCREEN));

  // Ana's right PIN (the run's only Enter, after a Clear), then the withdrawal's "Other amount" keypad.
  await page.getByTestId('key-clear').click();
  for (const digit of ANA.pin) await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('key-enter').click();
  await page.locator('main[data-screen="menu"]').waitFor({ timeout: SCREEN_TIMEOUT_MS });
  await page.getByTestId('menu-withdrawal').click();
  await page.locator('main[data-screen="withdrawal_amount"]').waitFor({ timeout: SCREEN_TIMEOUT_MS });
  await page.getByTestId('withdrawal-other').click();
  await page.getByTestId('amount-display').waitFor({ timeout: SCREEN_TIMEOUT_MS });
  const amount = await measurePresses(page, bench, pressPlan(PRESSES_PER_SCREEN));

  return { frameIntervalMs: percentile(intervals, 50), pin, amount };
}

function latencyLine(label: string, samples: readonly Sample[], frameIntervalMs: number): string {
  const ms = samples.map((sample) => sample.ms);
  const p95 = percentile(ms, 95);
  return (
    `${label} p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms ` +
    `(n=${ms.length}); p95 = ${(p95 / frameIntervalMs).toFixed(1)} frames`
  );
}

// ---------------------------------------------------------------------------------------------------------------

export async function runRendererBench(): Promise<void> {
  await ensureBuilt();

  const bundle = await measureBundle();
  console.log(
    `renderer JS gzip: ${kb(bundle.gzipBytes)} kB (target ≤ ${TARGETS.bundleGzipKb} kB, ` +
      `${(bundle.gzipBytes / BYTES_PER_KB / TARGETS.bundleGzipKb).toFixed(2)} of budget) ${mark(bundle.gzipBytes / BYTES_PER_KB <= TARGETS.bundleGzipKb)}; ` +
      `raw ${kb(bundle.rawBytes)} kB; ${bundle.files} file(s), all JS in dist/renderer incl. lazy chunks ` +
      `(${bundle.files - bundle.entryFiles.length} beyond index.html's ${bundle.entryFiles.join(', ')})`,
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'atm-bench-renderer-'));
  let host: Host | undefined;
  let browser: Browser | undefined;
  try {
    host = await startHost(dataDir);
    browser = await chromium.launch({
      executablePath: process.env.ATM_CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const result = await measureKeypressLatency(page, host.url);

    const all = [...result.pin, ...result.amount].map((sample) => sample.ms);
    const p95 = percentile(all, 95);
    console.log(
      `keypress→frame p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...all).toFixed(1)} ms ` +
        `(target p95 < ${TARGETS.keypressP95Ms} ms) ${mark(p95 < TARGETS.keypressP95Ms)}; ` +
        `frame interval ${result.frameIntervalMs.toFixed(1)} ms; p95 = ${(p95 / result.frameIntervalMs).toFixed(1)} frames (n=${all.length})`,
    );
    for (const [label, samples] of [
      ['PIN entry', result.pin],
      ['other amount', result.amount],
      ['physical keys', [...result.pin, ...result.amount].filter((sample) => sample.source === 'key')],
      ['on-screen taps', [...result.pin, ...result.amount].filter((sample) => sample.source === 'tap')],
    ] as const) {
      console.log(latencyLine(`  ${label.padEnd(14)}`, samples, result.frameIntervalMs));
    }
  } finally {
    await browser?.close();
    if (host) await stopHost(host.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) await runRendererBench();
