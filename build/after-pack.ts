// electron-builder afterPack hook (electron-builder.yml `afterPack`): fails the build when the packaged app lacks a
// native binary for the platform and architecture it was packaged for (DESIGN §6 Cross-packaging). better-sqlite3
// and argon2 carry every platform's prebuilds; @napi-rs/keyring takes its binary from a per-platform optional package
// that npm installs only for the host, so a Windows build made on Linux has none unless it is brought in
// (scripts/fetch-platform-natives.ts, run by `npm run dist:win` / `dist:linux` before electron-builder).
//
// The check follows each module's own loader: it finds the file that module would `require` on the target (the same
// search order, on the target's platform, arch and libc) and reads that file's header (ELF, PE or Mach-O magic and
// machine), so a binary under the right name but for the wrong platform fails too.
//
// Node 24 loads this file as it is (type stripping); it imports nothing but Node built-ins and types.
import { existsSync, openSync, readSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AfterPackContext } from 'app-builder-lib';

/** Native packages the core cannot run without. */
export const NATIVE_PACKAGES = ['better-sqlite3', 'argon2', '@napi-rs/keyring'] as const;
export type NativePackage = (typeof NATIVE_PACKAGES)[number];

/** What a binary's header says it runs on. `libc` only for Linux ELF files. */
export type BinaryTarget = { readonly platform: string; readonly arch: string; readonly libc?: 'glibc' | 'musl' };

/** electron-builder's Arch enum values, by name (builder-util's `Arch`; kept here so the hook has no imports). */
const ARCH_NAMES: Readonly<Record<number, string>> = { 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' };
const ELF_MACHINES: Readonly<Record<number, string>> = { 0x03: 'ia32', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64' };
const ELF_OSABI_FREEBSD = 9;
const PE_MACHINES: Readonly<Record<number, string>> = { 0x014c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64' };
const MACHO_CPUS: Readonly<Record<number, string>> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const HEADER_BYTES = 4096;
/** A musl-linked shared object names its libc (`libc.musl-x86_64.so.1`) in its dynamic section. */
const MUSL_MARKER = Buffer.from('libc.musl-', 'latin1');
/** Electron's Linux builds are glibc: the libc a Linux binary in the app must be built for. */
const TARGET_LINUX_LIBC = 'glibc';

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const length = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** The OS and CPU (and on Linux the libc) a native binary is built for, from its header (ELF, PE or Mach-O). */
export function binaryTarget(path: string): BinaryTarget {
  const header = readHeader(path);
  if (header.length >= 20 && header.readUInt32BE(0) === 0x7f454c46) {
    const machine = header[5] === 2 ? header.readUInt16BE(18) : header.readUInt16LE(18);
    const arch = ELF_MACHINES[machine] ?? `elf-${machine}`;
    if (header[7] === ELF_OSABI_FREEBSD) return { platform: 'freebsd', arch };
    return { platform: 'linux', arch, libc: readFileSync(path).includes(MUSL_MARKER) ? 'musl' : 'glibc' };
  }
  if (header.length >= 64 && header.toString('latin1', 0, 2) === 'MZ') {
    const peOffset = header.readUInt32LE(0x3c);
    if (peOffset + 6 <= header.length && header.toString('latin1', peOffset, peOffset + 4) === 'PE\0\0') {
      const machine = header.readUInt16LE(peOffset + 4);
      return { platform: 'win32', arch: PE_MACHINES[machine] ?? `pe-${machine}` };
    }
  }
  if (header.length >= 8 && (header.readUInt32LE(0) === 0xfeedfacf || header.readUInt32BE(0) === 0xcafebabe)) {
    // A fat (universal) Mach-O counts as arm64 + x64; electron-builder builds one arch at a time here.
    const cpu = header.readUInt32BE(0) === 0xcafebabe ? 0 : header.readUInt32LE(4);
    return { platform: 'darwin', arch: MACHO_CPUS[cpu] ?? 'universal' };
  }
  return { platform: 'unknown', arch: 'unknown' };
}

function describeTarget(target: BinaryTarget): string {
  if (target.platform === 'unknown') return 'not an ELF, PE or Mach-O binary';
  return `${target.platform}-${target.arch}${target.libc === 'musl' ? ' (musl)' : ''}`;
}

function fitsTarget(target: BinaryTarget, platform: string, arch: string): boolean {
  if (target.platform !== platform || target.arch !== arch) return false;
  return platform !== 'linux' || target.libc === TARGET_LINUX_LIBC;
}

function firstNodeFile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir)
    .filter((entry) => entry.endsWith('.node'))
    .sort()[0];
  return name === undefined ? undefined : join(dir, name);
}

/** The binary a module's loader picks on a target, with the places it looked (relative to node_modules). */
type Resolution = { file?: string; looked: string[] };

/** better-sqlite3 (lib/binding.js): a node-gyp build if one exists, else `prebuilds/<platform>-<arch>.node`. */
function resolveBetterSqlite3(nodeModules: string, platform: string, arch: string): Resolution {
  const candidates = [
    'better-sqlite3/build/Debug/better_sqlite3.node',
    'better-sqlite3/build/Release/better_sqlite3.node',
    `better-sqlite3/prebuilds/${platform}-${arch}.node`,
  ];
  return { file: candidates.find((path) => existsSync(join(nodeModules, path))), looked: candidates };
}

type PrebuildTags = {
  file: string;
  runtime?: string;
  napi: boolean;
  abi?: string;
  armv?: string;
  libc?: string;
  specificity: number;
};

function parsePrebuildTags(file: string): PrebuildTags | undefined {
  const parts = file.split('.');
  if (parts.pop() !== 'node') return undefined;
  const tags: PrebuildTags = { file, napi: false, specificity: 0 };
  for (const tag of parts) {
    if (tag === 'node' || tag === 'electron' || tag === 'node-webkit') tags.runtime = tag;
    else if (tag === 'napi') tags.napi = true;
    else if (tag.startsWith('abi')) tags.abi = tag.slice(3);
    else if (tag.startsWith('armv')) tags.armv = tag.slice(4);
    else if (tag === 'glibc' || tag === 'musl') tags.libc = tag;
    else continue;
    tags.specificity += 1;
  }
  return tags;
}

/**
 * argon2 (node-gyp-build, as Electron runs it): `build/Release`, `build/Debug`, then the most specific file in
 * `prebuilds/<platform>-<arch…>/` whose tags fit: runtime electron (or node + napi), libc glibc, armv 7/8 on ARM.
 * An ABI-tagged build without napi is skipped (it would need Electron's own ABI).
 */
function resolveNodeGypBuild(nodeModules: string, name: string, platform: string, arch: string): Resolution {
  const looked = [`${name}/build/Release/*.node`, `${name}/build/Debug/*.node`];
  for (const dir of ['build/Release', 'build/Debug']) {
    const file = firstNodeFile(join(nodeModules, name, dir));
    if (file) return { file: file.slice(nodeModules.length + 1), looked };
  }
  const prebuilds = join(nodeModules, name, 'prebuilds');
  const tuple = (existsSync(prebuilds) ? readdirSync(prebuilds) : [])
    .map((entry) => ({ entry, parts: entry.split('-') }))
    .filter(({ parts }) => parts.length === 2 && parts[0] === platform && (parts[1] ?? '').split('+').includes(arch))
    .sort((a, b) => (a.parts[1] ?? '').split('+').length - (b.parts[1] ?? '').split('+').length)[0];
  looked.push(`${name}/prebuilds/${platform}-${arch}/`);
  if (!tuple) return { looked };
  const armv = arch === 'arm64' ? '8' : arch === 'arm' ? '7' : undefined;
  const libc = platform === 'linux' ? TARGET_LINUX_LIBC : 'glibc'; // node-gyp-build says glibc off Linux too
  const winner = readdirSync(join(prebuilds, tuple.entry))
    .map(parsePrebuildTags)
    .filter((tags): tags is PrebuildTags => tags !== undefined)
    .filter((tags) => !tags.runtime || tags.runtime === 'electron' || (tags.runtime === 'node' && tags.napi))
    .filter((tags) => !tags.abi || tags.napi)
    .filter((tags) => !tags.armv || tags.armv === armv)
    .filter((tags) => !tags.libc || tags.libc === libc)
    .sort((a, b) => {
      if (a.runtime !== b.runtime) return a.runtime === 'electron' ? -1 : b.runtime === 'electron' ? 1 : 0;
      return b.specificity - a.specificity;
    })[0];
  return winner ? { file: `${name}/prebuilds/${tuple.entry}/${winner.file}`, looked } : { looked };
}

/** napi-rs triples (the suffix of `keyring.<triple>.node` and `@napi-rs/keyring-<triple>`) for Electron's targets. */
const NAPI_RS_TRIPLES: Readonly<Record<string, string>> = {
  'win32-x64': 'win32-x64-msvc',
  'win32-arm64': 'win32-arm64-msvc',
  'win32-ia32': 'win32-ia32-msvc',
  'linux-x64': 'linux-x64-gnu',
  'linux-arm64': 'linux-arm64-gnu',
  'linux-arm': 'linux-arm-gnueabihf',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
};

/** The per-platform package napi-rs's index.js requires on a target, e.g. `@napi-rs/keyring-win32-x64-msvc`. */
export function napiRsPlatformPackage(name: string, platform: string, arch: string): string | undefined {
  const triple = NAPI_RS_TRIPLES[`${platform}-${arch}`];
  return triple === undefined ? undefined : `${name}-${triple}`;
}

/**
 * A napi-rs package (index.js): `<name>/<binary>.<triple>.node` next to it, else the main file of the
 * `<name>-<triple>` package, nested under the package or hoisted.
 */
function resolveNapiRs(nodeModules: string, name: string, platform: string, arch: string): Resolution {
  const triple = NAPI_RS_TRIPLES[`${platform}-${arch}`];
  if (triple === undefined) return { looked: [`(napi-rs has no target for ${platform}-${arch})`] };
  const binaryName = name.slice(name.lastIndexOf('/') + 1);
  const local = `${name}/${binaryName}.${triple}.node`;
  const looked = [local];
  if (existsSync(join(nodeModules, local))) return { file: local, looked };
  const platformPackage = `${name}-${triple}`;
  for (const dir of [`${name}/node_modules/${platformPackage}`, platformPackage]) {
    looked.push(`${dir}/`);
    let main = 'index.js';
    try {
      main =
        (JSON.parse(readFileSync(join(nodeModules, dir, 'package.json'), 'utf8')) as { main?: string }).main ?? main;
    } catch {
      continue;
    }
    const file = `${dir}/${main.replace(/^\.\//, '')}`;
    if (existsSync(join(nodeModules, file))) return { file, looked };
  }
  return { looked };
}

function resolveNative(nodeModules: string, name: NativePackage, platform: string, arch: string): Resolution {
  switch (name) {
    case 'better-sqlite3':
      return resolveBetterSqlite3(nodeModules, platform, arch);
    case 'argon2':
      return resolveNodeGypBuild(nodeModules, name, platform, arch);
    case '@napi-rs/keyring':
      return resolveNapiRs(nodeModules, name, platform, arch);
  }
}

/** Each native module's binary for a target, as its loader would find it, with what its header says. */
export function nativeBinaries(
  nodeModules: string,
  platform: string,
  arch: string,
): Array<{ name: NativePackage; file?: string; target?: BinaryTarget; looked: string[] }> {
  return NATIVE_PACKAGES.map((name) => {
    const { file, looked } = resolveNative(nodeModules, name, platform, arch);
    return file === undefined
      ? { name, looked }
      : { name, file, target: binaryTarget(join(nodeModules, file)), looked };
  });
}

/** What to do when a napi-rs platform package is missing. */
function missingPlatformPackageHelp(name: string, platform: string, arch: string): string {
  const platformPackage = napiRsPlatformPackage(name, platform, arch) ?? `${name}-${platform}-${arch}`;
  const dists: Readonly<Record<string, string>> = { win32: 'dist:win', linux: 'dist:linux' };
  const dist = dists[platform];
  return (
    `npm installs ${platformPackage} only on ${platform}. Build on ${platform} (npm ci there installs it), or bring ` +
    `it into node_modules first: node scripts/fetch-platform-natives.ts ${platform} ${arch}` +
    (dist ? ` (npm run ${dist} does this before electron-builder)` : '') +
    `; docs/packaging.md, "Windows builds on Linux"`
  );
}

/**
 * Problems with the native binaries in a node_modules folder for one target: one message per native module whose
 * loader would find no binary for `platform`-`arch`, or one built for something else. Empty when all is well.
 * `label` names the folder in the messages.
 */
export function nodeModulesBinaryProblems(
  nodeModules: string,
  platform: string,
  arch: string,
  label = 'node_modules',
): string[] {
  const want = `${platform}-${arch}${platform === 'linux' ? ` (${TARGET_LINUX_LIBC})` : ''}`;
  const problems: string[] = [];
  for (const { name, file, target, looked } of nativeBinaries(nodeModules, platform, arch)) {
    if (file !== undefined && target !== undefined) {
      if (fitsTarget(target, platform, arch)) continue;
      problems.push(`${name}: on ${want} it would load ${label}/${file}, which is ${describeTarget(target)}`);
      continue;
    }
    problems.push(
      `${name}: no ${want} binary (looked for ${looked.map((path) => `${label}/${path}`).join(', ')})` +
        (name.startsWith('@napi-rs/') ? `. ${missingPlatformPackageHelp(name, platform, arch)}` : ''),
    );
  }
  return problems;
}

/**
 * The same for a packaged app: the native modules live in `app.asar.unpacked/node_modules` next to the archive
 * (electron-builder.yml `asarUnpack`), which is where Electron loads them from.
 */
export function nativeBinaryProblems(resourcesDir: string, platform: string, arch: string): string[] {
  const nodeModules = join(resourcesDir, 'app.asar.unpacked', 'node_modules');
  if (!existsSync(nodeModules)) return [`no ${nodeModules}: the native modules were not unpacked from the asar`];
  return nodeModulesBinaryProblems(nodeModules, platform, arch, 'app.asar.unpacked/node_modules');
}

export default function afterPack(context: AfterPackContext): void {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const problems = nativeBinaryProblems(context.packager.getResourcesDir(context.appOutDir), platform, arch);
  if (problems.length > 0) {
    throw new Error(`The packaged app cannot run on ${platform}-${arch}:\n- ${problems.join('\n- ')}`);
  }
}
