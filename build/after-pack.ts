// electron-builder afterPack hook (electron-builder.yml `afterPack`): fails the build when the packaged app lacks a
// native binary for the platform and architecture it was packaged for (DESIGN §6 Cross-packaging). better-sqlite3
// and argon2 carry every platform's prebuilds; @napi-rs/keyring takes its binary from a per-platform optional package
// that npm installs only for the host, so a Windows build made on Linux has none unless it is brought in.
//
// Node 24 loads this file as it is (type stripping); it imports nothing but Node built-ins and types.
import { existsSync, openSync, readSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AfterPackContext } from 'app-builder-lib';

/** Native packages the core cannot run without. */
export const NATIVE_PACKAGES = ['better-sqlite3', 'argon2', '@napi-rs/keyring'] as const;

export type BinaryTarget = { readonly platform: string; readonly arch: string };

/** electron-builder's Arch enum values, by name (builder-util's `Arch`; kept here so the hook has no imports). */
const ARCH_NAMES: Readonly<Record<number, string>> = { 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' };
const ELF_MACHINES: Readonly<Record<number, string>> = { 0x03: 'ia32', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64' };
const PE_MACHINES: Readonly<Record<number, string>> = { 0x014c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64' };
const MACHO_CPUS: Readonly<Record<number, string>> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const HEADER_BYTES = 4096;

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

/** The OS and CPU a native binary is built for, from its header (ELF, PE or Mach-O). */
export function binaryTarget(path: string): BinaryTarget {
  const header = readHeader(path);
  if (header.length >= 20 && header.readUInt32BE(0) === 0x7f454c46) {
    const machine = header[5] === 2 ? header.readUInt16BE(18) : header.readUInt16LE(18);
    return { platform: 'linux', arch: ELF_MACHINES[machine] ?? `elf-${machine}` };
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

function nodeFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...nodeFilesUnder(path));
    else if (entry.isFile() && entry.name.endsWith('.node')) found.push(path);
  }
  return found;
}

/** The package's own folder and, for napi-rs packages, its per-platform siblings (`@napi-rs/keyring-*`). */
function packageDirs(nodeModules: string, name: string): string[] {
  const scope = name.includes('/') ? name.slice(0, name.indexOf('/')) : '';
  const base = name.slice(scope ? scope.length + 1 : 0);
  const parent = scope ? join(nodeModules, scope) : nodeModules;
  if (!existsSync(parent)) return [];
  return readdirSync(parent)
    .filter((entry) => entry === base || entry.startsWith(`${base}-`))
    .map((entry) => join(parent, entry));
}

/** What to do when the napi-rs platform package is missing: fetch it without npm's platform check. */
function missingPlatformPackageHelp(nodeModules: string, name: string, platform: string, arch: string): string {
  let candidates: string[] = [];
  try {
    const manifest = JSON.parse(readFileSync(join(nodeModules, name, 'package.json'), 'utf8')) as {
      optionalDependencies?: Record<string, string>;
    };
    candidates = Object.entries(manifest.optionalDependencies ?? {})
      .filter(([optional]) => optional.startsWith(`${name}-${platform}-${arch}`))
      .map(([optional, version]) => `${optional}@${version}`);
  } catch {
    // no manifest: the generic advice below still holds
  }
  if (candidates.length === 0) return `no optional package of ${name} matches ${platform}-${arch}`;
  const spec = candidates.find((candidate) => /-(msvc|gnu)@/.test(candidate)) ?? (candidates[0] as string);
  const packageName = spec.slice(0, spec.lastIndexOf('@'));
  const tarball = `${packageName.replace('@', '').replace('/', '-')}-${spec.slice(spec.lastIndexOf('@') + 1)}.tgz`;
  return (
    `npm installs ${packageName} only on ${platform}. Build on ${platform} (npm ci there installs it), or bring it ` +
    `into node_modules before packaging:\n` +
    `  npm pack ${spec}\n` +
    `  mkdir -p node_modules/${packageName}\n` +
    `  tar -xzf ${tarball} --strip-components=1 -C node_modules/${packageName}\n` +
    `(docs/packaging.md, "Windows builds on Linux")`
  );
}

/**
 * Problems with the native binaries in a packaged app's `app.asar.unpacked` for one target: one message per native
 * package that has no binary for `platform`/`arch`. Empty when all is well.
 */
export function nativeBinaryProblems(resourcesDir: string, platform: string, arch: string): string[] {
  const nodeModules = join(resourcesDir, 'app.asar.unpacked', 'node_modules');
  const problems: string[] = [];
  for (const name of NATIVE_PACKAGES) {
    const binaries = packageDirs(nodeModules, name).flatMap(nodeFilesUnder);
    if (binaries.some((file) => binaryTarget(file).platform === platform && binaryTarget(file).arch === arch)) continue;
    const found = binaries.map((file) => `${binaryTarget(file).platform}-${binaryTarget(file).arch}`);
    problems.push(
      `${name}: no ${platform}-${arch} binary unpacked from the asar` +
        (found.length > 0 ? ` (found only ${[...new Set(found)].sort().join(', ')})` : ' (no .node file at all)') +
        (name.startsWith('@napi-rs/') ? `. ${missingPlatformPackageHelp(nodeModules, name, platform, arch)}` : ''),
    );
  }
  return problems;
}

export default function afterPack(context: AfterPackContext): void {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const problems = nativeBinaryProblems(context.packager.getResourcesDir(context.appOutDir), platform, arch);
  if (problems.length > 0) {
    throw new Error(`The packaged app cannot run on ${platform}-${arch}:\n- ${problems.join('\n- ')}`);
  }
}
