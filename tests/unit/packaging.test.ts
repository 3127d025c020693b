// The real packager on the real config: electron-builder packs a staged copy of the project (its package.json,
// lockfile, electron-builder.yml, build/ and node_modules, with a stand-in dist/ and dev files that must stay out)
// for Linux and Windows into unpacked app folders. What it produced is then read back: the asar's file list, the
// native binaries unpacked next to it, the fuses it flipped and the asar integrity it embedded.
//
// Electron itself cannot be downloaded here, so `electronDist` points at stand-in binaries that carry what the
// packager edits: the fuse sentinel, and for Windows a PE with a version resource (made with resedit, which
// electron-builder itself uses to edit executables).
//
// Cross-packaging (DESIGN §6): before the Windows pack, scripts/fetch-platform-natives.ts brings the Windows package
// of @napi-rs/keyring into the staged node_modules (as `npm run dist:win` does for the real one), so the repo's own
// node_modules is never changed. For each target, every native module's binary, found the way its loader finds it,
// must be of that platform by its magic bytes: PE (`MZ`) for Windows, ELF (`\x7fELF`) for Linux.
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
import {
  NATIVE_PACKAGES,
  binaryTarget,
  nativeBinaries,
  nativeBinaryProblems,
  nodeModulesBinaryProblems,
} from '../../build/after-pack.ts';
import { fetchPlatformNatives, platformPackages, type FetchResult } from '../../scripts/fetch-platform-natives.ts';

const projectDir = resolve(import.meta.dirname, '../..');
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse states as bytes in the wire: '0' off, '1' on. The stand-ins start with every fuse on. */
const OFF = 0x30;
const ON = 0x31;
const PACKAGING_TIMEOUT_MS = 180_000;
/** The targets electron-builder.yml builds, as Node names them, with the magic bytes their binaries start with. */
const TARGETS = [
  { platform: 'linux', arch: 'x64', magic: Buffer.from([0x7f, 0x45, 0x4c, 0x46]), format: 'ELF' },
  { platform: 'win32', arch: 'x64', magic: Buffer.from('MZ', 'latin1'), format: 'PE' },
] as const;
/** The keyring's Windows package at the version @napi-rs/keyring itself asks for. */
const KEYRING_WIN32 = '@napi-rs/keyring-win32-x64-msvc';
const keyringWin32Version = (
  JSON.parse(readFileSync(join(projectDir, 'node_modules/@napi-rs/keyring/package.json'), 'utf8')) as {
    optionalDependencies: Record<string, string>;
  }
).optionalDependencies[KEYRING_WIN32];

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
let winWithoutFetch: PackResult | undefined;
let fetched: FetchResult[];
let repoHadKeyringWin32: boolean;

/** First bytes of a file. */
function magicOf(path: string, length: number): Buffer {
  return readFileSync(path).subarray(0, length);
}

beforeAll(
  () => {
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

    repoHadKeyringWin32 = existsSync(join(projectDir, 'node_modules', KEYRING_WIN32));
    linux = pack('linux');
    // Without the fetch step (electron-builder alone, as `dist:win` was before): the afterPack check must stop it.
    winWithoutFetch = repoHadKeyringWin32 ? undefined : pack('win');
    // What `npm run dist:win` does between the build and electron-builder, into the staged copy.
    fetched = fetchPlatformNatives('win32', 'x64', {
      lockfile: join(stage, 'package-lock.json'),
      nodeModules: join(stage, 'node_modules'),
    });
    win = pack('win');
  },
  3 * PACKAGING_TIMEOUT_MS + 60_000,
);

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
  it('packages without error, the afterPack native check included', () => {
    expect(win.status, win.output).toBe(0);
  });

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

  it('carries a Windows x64 binary for better-sqlite3, argon2 and @napi-rs/keyring, unpacked from the asar', () => {
    const resources = join(win.appOutDir, 'resources');
    // Each message says which module and which file is missing or of the wrong platform.
    expect(nativeBinaryProblems(resources, 'win32', 'x64')).toEqual([]);
    const file = `node_modules/${KEYRING_WIN32}/keyring.win32-x64-msvc.node`;
    expect((statFile(join(resources, 'app.asar'), file) as { unpacked?: boolean }).unpacked).toBe(true);
    expect(magicOf(join(resources, 'app.asar.unpacked', file), 2).toString('latin1')).toBe('MZ');
  });

  it('flips the fuses in the packaged executable as electron-builder.yml says', async () => {
    expectFuses(await getCurrentFuseWire(join(win.appOutDir, 'ATM Kiosk.exe')));
  });
});

describe("cross-packaging: the target platform's native packages (scripts/fetch-platform-natives.ts)", () => {
  it('finds in the lockfile exactly the production per-platform packages of each target', () => {
    const lockfile = join(projectDir, 'package-lock.json');
    expect(platformPackages(lockfile, 'win32', 'x64').map((pkg) => `${pkg.name}@${pkg.version}`)).toEqual([
      `${KEYRING_WIN32}@${keyringWin32Version}`,
    ]);
    // glibc only (Electron's Linux builds are glibc), and no dev tool's platform packages (rolldown, lightningcss).
    expect(platformPackages(lockfile, 'linux', 'x64').map((pkg) => pkg.name)).toEqual([
      '@napi-rs/keyring-linux-x64-gnu',
    ]);
  });

  it('brought the Windows keyring package into the staged node_modules, not into the repo', () => {
    expect(fetched.map(({ name, version }) => `${name}@${version}`)).toEqual([
      `${KEYRING_WIN32}@${keyringWin32Version}`,
    ]);
    expect(fetched[0]?.action).toBe(repoHadKeyringWin32 ? 'present' : 'fetched');
    expect(existsSync(join(projectDir, 'node_modules', KEYRING_WIN32))).toBe(repoHadKeyringWin32);
  });

  it('is idempotent: a second run finds the package in place and downloads nothing', () => {
    const again = fetchPlatformNatives('win32', 'x64', {
      lockfile: join(stage, 'package-lock.json'),
      nodeModules: join(stage, 'node_modules'),
    });
    expect(again.map(({ action }) => action)).toEqual(['present']);
    // On the host platform npm ci already installed everything: nothing to fetch.
    const host = fetchPlatformNatives('linux', 'x64', {
      lockfile: join(stage, 'package-lock.json'),
      nodeModules: join(stage, 'node_modules'),
    });
    expect(host.map(({ name, action }) => `${name} ${action}`)).toEqual(['@napi-rs/keyring-linux-x64-gnu present']);
  });

  it('fails clearly when the registry lacks a locked platform package', () => {
    const dir = mkdtempSync(join(stage, 'missing-'));
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': {},
        [`node_modules/${KEYRING_WIN32}`]: {
          version: '0.0.0-does-not-exist',
          optional: true,
          os: ['win32'],
          cpu: ['x64'],
        },
      },
    };
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
    expect(() =>
      fetchPlatformNatives('win32', 'x64', { lockfile: join(dir, 'package-lock.json'), nodeModules: join(dir, 'nm') }),
    ).toThrow(`the registry has no ${KEYRING_WIN32}@0.0.0-does-not-exist`);
    expect(existsSync(join(dir, 'nm', KEYRING_WIN32))).toBe(false);
  });

  describe.each(TARGETS)('what would be packed for $platform-$arch', ({ platform, arch, magic, format }) => {
    const nodeModules = (): string => join(stage, 'node_modules');

    it(`holds a ${format} binary of ${platform}-${arch} for every native module, where its loader looks`, () => {
      const binaries = nativeBinaries(nodeModules(), platform, arch);
      expect(binaries.map(({ name }) => name)).toEqual([...NATIVE_PACKAGES]);
      for (const { name, file, looked } of binaries) {
        expect(file, `${name}: no ${platform}-${arch} binary; looked for ${looked.join(', ')}`).toBeDefined();
        const path = join(nodeModules(), file as string);
        expect(magicOf(path, magic.length).equals(magic), `${name}: ${file} is not ${format}`).toBe(true);
        expect(binaryTarget(path), `${name}: ${file}`).toMatchObject({ platform, arch });
      }
      expect(nodeModulesBinaryProblems(nodeModules(), platform, arch)).toEqual([]);
    });
  });

  it('judges binaries by their header, not their name: a Linux file named for Windows is refused', () => {
    const fake = mkdtempSync(join(stage, 'renamed-'));
    for (const name of ['better-sqlite3', 'argon2', '@napi-rs/keyring']) {
      cpSync(join(stage, 'node_modules', name), join(fake, name), { recursive: true });
    }
    cpSync(join(stage, 'node_modules', KEYRING_WIN32), join(fake, KEYRING_WIN32), { recursive: true });
    rmSync(join(fake, 'better-sqlite3/prebuilds/win32-x64.node'));
    cpSync(
      join(fake, 'better-sqlite3/prebuilds/linux-x64.node'),
      join(fake, 'better-sqlite3/prebuilds/win32-x64.node'),
    );
    rmSync(join(fake, 'argon2/prebuilds/win32-x64'), { recursive: true });
    expect(nodeModulesBinaryProblems(fake, 'win32', 'x64')).toEqual([
      'better-sqlite3: on win32-x64 it would load node_modules/better-sqlite3/prebuilds/win32-x64.node, which is linux-x64',
      'argon2: no win32-x64 binary (looked for node_modules/argon2/build/Release/*.node, ' +
        'node_modules/argon2/build/Debug/*.node, node_modules/argon2/prebuilds/win32-x64/)',
    ]);
  });

  it.skipIf(existsSync(join(projectDir, 'node_modules', KEYRING_WIN32)))(
    'electron-builder --win without the fetch step fails in the afterPack check, naming the package',
    () => {
      expect(winWithoutFetch?.status).not.toBe(0);
      expect(winWithoutFetch?.output).toContain('The packaged app cannot run on win32-x64');
      expect(winWithoutFetch?.output).toContain(
        `@napi-rs/keyring: no win32-x64 binary (looked for app.asar.unpacked/node_modules/@napi-rs/keyring/keyring.win32-x64-msvc.node`,
      );
      expect(winWithoutFetch?.output).toContain('node scripts/fetch-platform-natives.ts win32 x64');
    },
  );

  it('without the Windows keyring package the afterPack check names it and the fetch command', () => {
    const bare = mkdtempSync(join(stage, 'no-keyring-win32-'));
    for (const name of ['better-sqlite3', 'argon2', '@napi-rs/keyring', '@napi-rs/keyring-linux-x64-gnu']) {
      cpSync(join(stage, 'node_modules', name), join(bare, name), { recursive: true });
    }
    const [problem, ...rest] = nodeModulesBinaryProblems(bare, 'win32', 'x64');
    expect(rest).toEqual([]);
    expect(problem).toContain(`@napi-rs/keyring: no win32-x64 binary (looked for `);
    expect(problem).toContain(`node_modules/${KEYRING_WIN32}/`);
    expect(problem).toContain('node scripts/fetch-platform-natives.ts win32 x64 (npm run dist:win does this');
  });
});
