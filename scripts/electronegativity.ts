// Runs Electronegativity (Doyensec's Electron security scanner) offline over the kiosk's sources and fails on any
// HIGH or MEDIUM finding that electronegativity-allowlist.json does not list with a reason. Also fails when a file
// could not be parsed (it was not checked) or when the scanner no longer finds a planted insecure window.
//
// Offline: the tool fetches translations and Electron's release list with `got`. Both are answered with a refusal
// from the require cache, so a run never touches the network and gives the same answer everywhere. The one check
// that needs that release list (AvailableSecurityFixesGlobalCheck: "is there a newer Electron with security fixes")
// is excluded and said so; keeping Electron current is npm audit's and the dependency updates' job.
//
// Usage: node scripts/electronegativity.ts [--verbose]
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const ALLOWLIST_PATH = join(root, 'electronegativity-allowlist.json');
/** What is scanned, together, so the global checks (CSP, navigation, permissions) see the whole app at once. */
const SCANNED_PATHS = ['electron', 'renderer', 'package.json'];
/** Network-only checks, skipped with the reason printed on every run. */
const EXCLUDED_CHECKS: Readonly<Record<string, string>> = {
  availablesecurityfixesglobalcheck: 'needs the Electron release list from GitHub; npm audit covers Electron updates',
};
/** Severities that fail the run unless allow-listed (the tool's own scale: HIGH 3, MEDIUM 2, LOW 1, INFORMATIONAL 0). */
const FAILING_SEVERITY_MIN = 2;
const REASON_LENGTH_MIN = 20;
/** A window the scanner must always flag: proves it parsed and checked something this run. */
const CANARY_SOURCE =
  "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true } });\n";
const CANARY_CHECK = 'NODE_INTEGRATION_JS_CHECK';

type Level = { readonly value: number; readonly name: string };
type Issue = {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: Level;
  readonly confidence: Level;
  readonly description?: string;
  readonly sample?: string;
};
type RunResult = {
  readonly issues: Issue[];
  readonly errors: Array<{ file: string; message: string; tolerable: boolean }>;
};
type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<RunResult>;
type AllowEntry = { readonly check: string; readonly file: string; readonly reason: string };

const verbose = process.argv.includes('--verbose');
let summaryPrinted = false;
const packageDir = join(root, 'node_modules', '@doyensec', 'electronegativity');
const requireFromTool = createRequire(join(packageDir, 'dist', 'runner.js'));

/** Every `got` call fails at once, as it would on a machine with no network, but without the wait or the attempt. */
function refuseNetwork(): void {
  const refuse = () => Promise.reject(new Error('electronegativity wrapper: network disabled'));
  const gotPath = requireFromTool.resolve('got');
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = Object.assign(refuse, { head: refuse, get: refuse });
  requireFromTool.cache[gotPath] = stub;
}

function readAllowList(): AllowEntry[] {
  const parsed: unknown = JSON.parse(readFileSync(ALLOWLIST_PATH, 'utf8'));
  const entries = (parsed as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new Error(`${ALLOWLIST_PATH}: expected { "entries": [...] }`);
  return entries.map((entry: unknown, index) => {
    const { check, file, reason } = (entry ?? {}) as Record<string, unknown>;
    if (typeof check !== 'string' || typeof file !== 'string' || typeof reason !== 'string') {
      throw new Error(`${ALLOWLIST_PATH}: entry ${index} needs string "check", "file" and "reason"`);
    }
    if (reason.trim().length < REASON_LENGTH_MIN) {
      throw new Error(`${ALLOWLIST_PATH}: entry ${index} (${check}) needs a real reason`);
    }
    return { check, file, reason };
  });
}

/** Runs the tool quietly (it prints its own progress and offline notices through console.log). */
async function scan(run: Runner, input: string): Promise<RunResult & { readonly chatter: string[] }> {
  const chatter: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => chatter.push(args.map(String).join(' '));
  try {
    const electronVersion = (
      JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const result = await run(
      {
        input,
        isRelative: true,
        customScan: [],
        excludeFromScan: Object.keys(EXCLUDED_CHECKS),
        // The sources are scanned without node_modules, so the version is given rather than guessed as 0.1.0.
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
    return { ...result, chatter };
  } finally {
    console.log = log;
  }
}

const where = (issue: Issue) => `${issue.file}:${issue.location.line}:${issue.location.column}`;

async function main(): Promise<number> {
  // Descriptions come from the bundled en-US strings whatever the machine's locale.
  process.env.LANG = 'en-US';
  refuseNetwork();
  const run = requireFromTool('./runner.js') as Runner;
  const allowList = readAllowList();

  const work = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  try {
    const canaryDir = join(work, 'canary');
    mkdirSync(canaryDir);
    writeFileSync(join(canaryDir, 'window.js'), CANARY_SOURCE);
    const canary = await scan(run, canaryDir);
    if (!canary.issues.some((issue) => issue.id === CANARY_CHECK)) {
      console.error(
        `electronegativity did not flag the planted nodeIntegration window (${CANARY_CHECK}): the scan cannot be trusted`,
      );
      return 1;
    }

    // Staged under the repo's own relative paths, so findings name files as the allow-list does.
    const staged = join(work, 'app');
    for (const path of SCANNED_PATHS) {
      cpSync(join(root, path), join(staged, path), {
        recursive: true,
        filter: (source) => !source.includes('node_modules'),
      });
    }
    const result = await scan(run, staged);
    if (verbose) for (const line of result.chatter) console.log(`  (electronegativity) ${line}`);
    for (const [check, reason] of Object.entries(EXCLUDED_CHECKS)) console.log(`skipped ${check}: ${reason}`);

    let findings = 0;
    let failing = 0;
    let allowed = 0;
    const usedEntries = new Set<AllowEntry>();
    for (const error of result.errors) {
      if (error.tolerable) continue;
      findings += 1;
      failing += 1;
      console.log(`FAIL could not parse ${relative(staged, error.file)} (so it was not checked): ${error.message}`);
    }
    const serious = result.issues.filter((issue) => issue.severity.value >= FAILING_SEVERITY_MIN);
    findings += serious.length;
    for (const issue of serious) {
      const entry = allowList.find((candidate) => candidate.check === issue.id && candidate.file === issue.file);
      const label = `${issue.severity.name} ${issue.id} at ${where(issue)}`;
      if (entry) {
        allowed += 1;
        usedEntries.add(entry);
        console.log(`allowed ${label}: ${entry.reason}`);
      } else {
        failing += 1;
        console.log(`FAIL ${label}: ${issue.description ?? ''}${issue.sample ? ` — ${issue.sample}` : ''}`);
      }
    }
    const minor = result.issues.filter((issue) => issue.severity.value < FAILING_SEVERITY_MIN);
    for (const issue of minor) {
      if (verbose) console.log(`note ${issue.severity.name} ${issue.id} at ${where(issue)}`);
    }
    if (minor.length > 0) console.log(`${minor.length} low/informational finding(s) not gating (--verbose lists them)`);
    for (const entry of allowList) {
      if (!usedEntries.has(entry))
        console.log(`note: allow-list entry ${entry.check} ${entry.file} matched nothing; remove it`);
    }
    console.log(`electronegativity: ${findings} findings, ${allowed} allowed, ${failing} failing`);
    summaryPrinted = true;
    return failing === 0 ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A run that cannot scan is one failure, and still ends with the summary line CI greps for. */
let exitCode: number;
if (!existsSync(packageDir)) {
  console.error('@doyensec/electronegativity is not installed (npm ci)');
  exitCode = 1;
} else {
  exitCode = await main().catch((error: unknown) => {
    console.error(`electronegativity could not run: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  });
}
if (exitCode !== 0 && !summaryPrinted) console.log('electronegativity: 1 findings, 0 allowed, 1 failing');
process.exitCode = exitCode;
