// electron-builder.yml read and validated by electron-builder's own loader and schema validator, then checked for
// what DESIGN §2/§6 require: no native rebuild, the fuses, the installer targets, native code unpacked, and only
// the built app (never sources, maps or the browser host) inside the package.
import type { Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

const projectDir = resolve(import.meta.dirname, '../..');
const configPath = join(projectDir, 'electron-builder.yml');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(projectDir, configPath, null);
});

/** electron-builder's own matcher over a pattern list, as it filters the app's files and the asar unpack set. */
function matcher(patterns: readonly string[]) {
  const filter = new FileMatcher(projectDir, '', (pattern) => pattern, [...patterns]).createFilter();
  const file = { isDirectory: () => false } as Stats;
  return (relativePath: string) => filter(join(projectDir, relativePath), file);
}

function filePatterns(): string[] {
  const files = (config.files ?? []) as Array<string | { filter?: string | string[] }>;
  return files.flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.filter ?? []].flat()));
}

function targetsOf(section: { target?: unknown } | null | undefined): Array<{ target: string; arch: string[] }> {
  return ([section?.target ?? []].flat() as Array<string | { target: string; arch?: string | string[] }>).map(
    (entry) =>
      typeof entry === 'string'
        ? { target: entry, arch: [] }
        : { target: entry.target, arch: [entry.arch ?? []].flat() },
  );
}

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is actually validated: a misspelt fuse is rejected', async () => {
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('names the app and its folders', () => {
    expect(config.appId).toBe('org.atmkiosk.kiosk');
    expect(config.productName).toBe('ATM Kiosk');
    expect(config.directories).toMatchObject({ buildResources: 'build', output: 'release' });
  });

  it('never rebuilds native modules', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource ?? false).toBe(false);
  });

  it('sets every fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds an NSIS installer for Windows x64 and AppImage + deb for Linux', () => {
    expect(targetsOf(config.win)).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowToChangeInstallationDirectory: false });
    expect(
      targetsOf(config.linux)
        .map((entry) => entry.target)
        .sort(),
    ).toEqual(['AppImage', 'deb']);
    expect(config.linux).toMatchObject({ category: 'Finance', maintainer: expect.stringMatching(/.+<.+@.+>/) });
  });

  it('packages only the built app: no browser host, sources, tests or source maps', () => {
    const shipped = matcher(filePatterns());
    for (const path of [
      'package.json',
      'dist/node/electron/main.js',
      'dist/node/shared/ipc/contract.js',
      'dist/preload/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc.js',
    ]) {
      expect(shipped(path), path).toBe(true);
    }
    for (const path of [
      'dist/browser-host/atm-shim.js',
      'dist/node/electron/browser-host/cli.js',
      'dist/renderer/assets/index-abc.js.map',
      'dist/node/electron/main.js.map',
      'electron/main.ts',
      'shared/ipc/contract.ts',
      'renderer/index.html',
      'tests/unit/electron-shell.test.ts',
      'scripts/dev-electron.ts',
      'bank/server.ts',
      'vite.config.ts',
      'tsconfig.json',
      'electron-builder.yml',
    ]) {
      expect(shipped(path), path).toBe(false);
    }
  });

  it('unpacks every native module from the asar, for every platform binary', () => {
    const unpacked = matcher([config.asarUnpack ?? []].flat());
    for (const path of [
      'node_modules/better-sqlite3/prebuilds/linux-x64.node',
      'node_modules/better-sqlite3/prebuilds/win32-x64.node',
      'node_modules/better-sqlite3/lib/database.js',
      'node_modules/argon2/prebuilds/win32-x64/argon2.glibc.node',
      'node_modules/argon2/argon2.cjs',
      'node_modules/@napi-rs/keyring/index.js',
      'node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node',
      'node_modules/@napi-rs/keyring-win32-x64-msvc/keyring.win32-x64-msvc.node',
    ]) {
      expect(unpacked(path), path).toBe(true);
    }
    expect(unpacked('node_modules/zod/index.js')).toBe(false);
  });

  it('has a 512×512 PNG icon in the build resources', async () => {
    const png = await readFile(join(projectDir, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
