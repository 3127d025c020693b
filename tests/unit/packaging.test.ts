// The real packager on the real config: electron-builder packs a staged copy of the project (its package.json,
// lockfile, electron-builder.yml, build/ and node_modules, with a stand-in dist/ and dev files that must stay out)
// for Linux and Windows into unpacked app folders. What it produced is then read back: the asar's file list, the
// native binaries unpacked next to it, the fuses it flipped and the asar integrity it embedded.
//
// Electron itself cannot be downloaded here, so `electronDist` points at stand-in binaries that carry what the
// packager edits: the fuse sentinel, and for Windows a PE with a version resource (made with resedit, which
// electron-builder itself uses to edit executables).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { getCurrentFuseWire } from '@electron/fuses';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeBinaryProblems } from '../../build/after-pack.ts';

const projectDir = resolve(import.meta.dirname, '../..');
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse states as bytes in the wire: '0' off, '1' on. The stand-ins start with every fuse on. */
const OFF = 0x30;
const ON = 0x31;
const PACKAGING_TIMEOUT_MS = 180_000;

/** The app's own files the packages must hold: the built main process, preload and renderer, and package.json. */
const SHIPPED_APP_FILES = [
  '/dist/node/electron/diagnostics/diagnostics-bundle.js',
  '/dist/node/electron/main.js',
  '/dist/node/electron/window.js',
  '/dist/node/shared/ipc/contract.js',
  '/dist/preload/preload.cjs',
  '/dist/renderer/assets/index-abc.css',
  '/dist/renderer/assets/index-abc.js',
  '/dist/renderer/index.html',
  '/package.json',
];
/** Built files that must stay out (browser host, source maps) and development files next to dist/. */
const STAYING_OUT = [
  'dist/node/electron/main.js.map',
  'dist/node/electron/browser-host/cli.js',
  'dist/browser-host/atm-shim.js',
  'dist/renderer/assets/index-abc.js.map',
  'electron/main.ts',
  'shared/ipc/contract.ts',
  'renderer/main.tsx',
  'renderer/index.html',
  'tests/unit/electron-shell.test.ts',
  'scripts/dev-electron.ts',
  'bank/server.ts',
  '.data/kiosk/kiosk.db',
  'vite.config.ts',
  'tsconfig.json',
];
/** Development tools that must never reach a kiosk, though they sit in node_modules. */
const DEV_PACKAGES = [
  'electron',
  'electron-builder',
  'vite',
  'vitest',
  '@doyensec/electronegativity',
  'typescript',
  'react',
];

/**
 * The bits of resedit used here. Loaded untyped on purpose: its typings pull the DOM library into the whole
 * type-check, which changes Node's own `fetch` body types for every other file.
 */
type ResourceEntry = { type: string | number; id: string | number; bin: ArrayBuffer };
type Executable = { setExtraData(data: Uint8Array): void; generate(): ArrayBuffer };
type Resedit = {
  NtExecutable: { createEmpty(is32: boolean, isDll: boolean): Executable; from(bin: Uint8Array): Executable };
  NtExecutableResource: {
    from(executable: Executable): { entries: ResourceEntry[]; outputResource(executable: Executable): void };
  };
  Resource: {
    VersionInfo: {
      createEmpty(): {
        lang: number;
        setStringValues(lang: { lang: number; codepage: number }, values: Record<string, string>): void;
        setFileVersion(major: number, minor: number, micro: number, revision: number, lang: number): void;
        outputToResourceEntries(entries: ResourceEntry[]): void;
      };
    };
  };
};
const { NtExecutable, NtExecutableResource, Resource } = createRequire(import.meta.url)('resedit') as Resedit;

let stage: string;

/** node_modules as hard links: a full copy the packager treats as real (a symlink hides the dependency tree). */
function linkTree(source: string, target: string): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (entry.isDirectory()) linkTree(from, to);
    else linkSync(from, to);
  }
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function fuseWire(): Buffer {
  return Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.alloc(8, ON)]);
}

/** A Windows executable electron-builder can edit: a version resource for the asar integrity, and the fuse wire. */
function fakeWindowsElectron(): Buffer {
  const executable = NtExecutable.createEmpty(false, false);
  const resources = NtExecutableResource.from(executable);
  const version = Resource.VersionInfo.createEmpty();
  version.lang = 1033;
  version.setStringValues({ lang: 1033, codepage: 1200 }, { ProductName: 'Electron', FileDescription: 'stand-in' });
  version.setFileVersion(45, 0, 0, 0, 1033);
  version.outputToResourceEntries(resources.entries);
  resources.outputResource(executable);
  executable.setExtraData(fuseWire());
  return Buffer.from(executable.generate());
}

type PackResult = { status: number | null; output: string; appOutDir: string };

function pack(platform: 'linux' | 'win'): PackResult {
  const electronDist = join(stage, `electron-${platform}`);
  const cli = join(projectDir, 'node_modules', 'electron-builder', 'cli.js');
  const result = spawnSync(
    process.execPath,
    [
      cli,
      '--dir',
      `--${platform}`,
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${join(stage, 'release')}`,
      // rcedit (icon, version strings) needs Wine on Linux; the asar integrity resource is still written.
      '-c.win.signAndEditExecutable=false',
    ],
    { cwd: stage, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: PACKAGING_TIMEOUT_MS },
  );
  return {
    status: result.status,
    output: `${result.stdout}\n${result.stderr}`,
    appOutDir: join(stage, 'release', `${platform}-unpacked`),
  };
}

function asarFiles(resources: string): { all: string[]; app: string[] } {
  const archive = join(resources, 'app.asar');
  const all = listPackage(archive, { isPack: false }).filter((path) => !('files' in statFile(archive, path.slice(1))));
  return { all, app: all.filter((path) => !path.startsWith('/node_modules/')).sort() };
}

function expectFuses(wire: Record<string, unknown>): void {
  // FuseV1Options order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
  // EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
  // LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges.
  expect(wire).toEqual({ version: '1', 0: OFF, 1: ON, 2: OFF, 3: OFF, 4: ON, 5: ON, 6: OFF, 7: OFF });
}

let linux: PackResult;
let win: PackResult;

beforeAll(() => {
  // Under the repo (git-ignored) so node_modules can be hard-linked: same file system, no copy.
  mkdirSync(join(projectDir, 'test-results'), { recursive: true });
  stage = mkdtempSync(join(projectDir, 'test-results', 'packaging-'));
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) {
    cpSync(join(projectDir, file), join(stage, file));
  }
  cpSync(join(projectDir, 'build'), join(stage, 'build'), { recursive: true });
  linkTree(join(projectDir, 'node_modules'), join(stage, 'node_modules'));
  for (const path of [...SHIPPED_APP_FILES.map((file) => file.slice(1)), ...STAYING_OUT]) {
    if (path !== 'package.json') write(join(stage, path), `// stand-in for ${path}\n`);
  }
  write(join(stage, 'electron-linux', 'electron'), `#!/bin/sh\n# stand-in\n${fuseWire().toString('latin1')}\n`);
  write(join(stage, 'electron-linux', 'chrome-sandbox'), '');
  write(join(stage, 'electron-linux', 'LICENSE'), '');
  mkdirSync(join(stage, 'electron-win'), { recursive: true });
  writeFileSync(join(stage, 'electron-win', 'electron.exe'), fakeWindowsElectron());
  write(join(stage, 'electron-win', 'LICENSE'), '');

  linux = pack('linux');
  win = pack('win');
}, 2 * PACKAGING_TIMEOUT_MS);

afterAll(() => {
  if (stage) rmSync(stage, { recursive: true, force: true });
});

describe('packaged Linux app (electron-builder --dir --linux)', () => {
  it('packages without error, the afterPack native check included', () => {
    expect(linux.status, linux.output).toBe(0);
  });

  it('holds exactly the built main process, preload and renderer: no sources, maps, tests, browser host or data', () => {
    const { app, all } = asarFiles(join(linux.appOutDir, 'resources'));
    expect(app).toEqual(SHIPPED_APP_FILES);
    for (const name of DEV_PACKAGES) {
      expect(
        all.some((path) => path.startsWith(`/node_modules/${name}/`)),
        name,
      ).toBe(false);
    }
    for (const name of ['zod', 'better-sqlite3', 'argon2', '@napi-rs/keyring', 'pdf-lib']) {
      expect(
        all.some((path) => path.startsWith(`/node_modules/${name}/`)),
        name,
      ).toBe(true);
    }
    // The entry point package.json names is in the archive.
    const manifest = JSON.parse(
      extractFile(join(linux.appOutDir, 'resources', 'app.asar'), 'package.json').toString(),
    ) as {
      main: string;
    };
    expect(app).toContain(`/${manifest.main}`);
  });

  it('unpacks every native binary from the asar, with a Linux x64 one for each native module', () => {
    const resources = join(linux.appOutDir, 'resources');
    const archive = join(resources, 'app.asar');
    const nativeFiles = asarFiles(resources).all.filter((path) => path.endsWith('.node'));
    expect(nativeFiles.length).toBeGreaterThan(3);
    for (const path of nativeFiles) {
      expect((statFile(archive, path.slice(1)) as { unpacked?: boolean }).unpacked, path).toBe(true);
      expect(existsSync(join(resources, 'app.asar.unpacked', path)), path).toBe(true);
    }
    expect(nativeBinaryProblems(resources, 'linux', 'x64')).toEqual([]);
    expect(
      existsSync(
        join(resources, 'app.asar.unpacked/node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node'),
      ),
    ).toBe(true);
  });

  it('flips the fuses in the packaged binary as electron-builder.yml says', async () => {
    expectFuses(await getCurrentFuseWire(join(linux.appOutDir, 'atm-kiosk')));
  });
});

describe('packaged Windows app (electron-builder --dir --win, cross-packaged on Linux)', () => {
  const keyringWin32 = join(projectDir, 'node_modules/@napi-rs/keyring-win32-x64-msvc');

  it('embeds the asar integrity in the executable and carries the app files', () => {
    const executable = NtExecutable.from(readFileSync(join(win.appOutDir, 'ATM Kiosk.exe')));
    const integrity = NtExecutableResource.from(executable).entries.find(
      (entry) => entry.type === 'INTEGRITY' && entry.id === 'ELECTRONASAR',
    );
    expect(integrity).toBeDefined();
    const list = JSON.parse(Buffer.from(integrity?.bin ?? new ArrayBuffer(0)).toString()) as Array<{ file: string }>;
    expect(list.map((entry) => entry.file)).toEqual(['resources\\app.asar']);
    expect(asarFiles(join(win.appOutDir, 'resources')).app).toEqual(SHIPPED_APP_FILES);
  });

  it('carries the Windows binaries of better-sqlite3 and argon2 (every platform ships in their packages)', () => {
    const problems = nativeBinaryProblems(join(win.appOutDir, 'resources'), 'win32', 'x64');
    expect(problems.filter((problem) => !problem.startsWith('@napi-rs/keyring:'))).toEqual([]);
  });

  it.skipIf(!existsSync(keyringWin32))(
    'with @napi-rs/keyring-win32-x64-msvc in node_modules: packs, fuses set',
    async () => {
      expect(win.status, win.output).toBe(0);
      expect(nativeBinaryProblems(join(win.appOutDir, 'resources'), 'win32', 'x64')).toEqual([]);
      expectFuses(await getCurrentFuseWire(join(win.appOutDir, 'ATM Kiosk.exe')));
    },
  );

  it.skipIf(existsSync(keyringWin32))(
    'without @napi-rs/keyring-win32-x64-msvc (npm installs it only on Windows): fails, saying what dist:win needs',
    () => {
      expect(win.status).not.toBe(0);
      const version = (
        JSON.parse(readFileSync(join(projectDir, 'node_modules/@napi-rs/keyring/package.json'), 'utf8')) as {
          optionalDependencies: Record<string, string>;
        }
      ).optionalDependencies['@napi-rs/keyring-win32-x64-msvc'];
      expect(win.output).toContain('The packaged app cannot run on win32-x64');
      expect(win.output).toContain(
        '@napi-rs/keyring: no win32-x64 binary unpacked from the asar (found only linux-x64)',
      );
      expect(win.output).toContain(`npm pack @napi-rs/keyring-win32-x64-msvc@${version}`);
      expect(win.output).toContain(
        `tar -xzf napi-rs-keyring-win32-x64-msvc-${version}.tgz --strip-components=1 -C node_modules/@napi-rs/keyring-win32-x64-msvc`,
      );
    },
  );
});
