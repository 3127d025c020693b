// Brings the per-platform optional packages of the target platform into node_modules before electron-builder packs
// (DESIGN §6 Cross-packaging). npm installs a package such as @napi-rs/keyring-win32-x64-msvc only on the platform
// its `os`/`cpu` fields name, so `npm run dist:win` on Linux would otherwise package an app whose keyring cannot load.
//
// Which packages: every production entry of package-lock.json that is platform-specific (`os` and `cpu` name the
// target; on Linux not a musl-only one), at the exact version and path the lockfile gives. Each is downloaded with
// `npm pack` (no platform check, uses the npm cache and .npmrc), checked against the lockfile's integrity and
// unpacked into its node_modules folder. Idempotent: a package already there at the locked version is left alone,
// so on the target platform itself (where npm ci installed them) this does nothing.
//
// Usage: node scripts/fetch-platform-natives.ts <platform> <arch> [--node-modules <dir>] [--lockfile <path>]
//   platform: win32 | linux | darwin (Node's names); arch: x64 | arm64 | ia32 | arm
//   --node-modules: where to unpack (default: node_modules next to the lockfile); the packaging test uses a copy.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

const projectDir = resolve(import.meta.dirname, '..');

type LockEntry = {
  name?: string;
  version?: string;
  integrity?: string;
  dev?: boolean;
  link?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
};

/** One package to bring in: its name, locked version and integrity, and its folder relative to node_modules. */
export type PlatformPackage = { name: string; version: string; integrity: string | undefined; path: string };

export type FetchResult = { name: string; version: string; dir: string; action: 'present' | 'fetched' };

const PLATFORMS = ['win32', 'linux', 'darwin', 'freebsd'];
const ARCHS = ['x64', 'arm64', 'ia32', 'arm'];

/** The name of a lockfile entry: its `name` (aliases) or the folder after the last `node_modules/`. */
function entryName(key: string, entry: LockEntry): string {
  return entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/**
 * The production packages of `lockfile` (package-lock.json v2/v3) built for `platform`-`arch` only: `os` and `cpu`
 * name the target explicitly, and on Linux `libc` is absent or glibc (Electron's Linux builds are glibc).
 */
export function platformPackages(lockfile: string, platform: string, arch: string): PlatformPackage[] {
  const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as {
    lockfileVersion?: number;
    packages?: Record<string, LockEntry>;
  };
  if (!lock.packages) {
    throw new Error(
      `${lockfile} has no "packages" map (lockfileVersion ${lock.lockfileVersion ?? '?'}); npm 7+ writes one`,
    );
  }
  const found: PlatformPackage[] = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.startsWith('node_modules/') || entry.dev || entry.link) continue;
    if (!entry.os?.includes(platform) || !entry.cpu?.includes(arch)) continue;
    if (platform === 'linux' && entry.libc && !entry.libc.includes('glibc')) continue;
    if (!entry.version) throw new Error(`${lockfile}: ${key} has no version`);
    found.push({
      name: entryName(key, entry),
      version: entry.version,
      integrity: entry.integrity,
      path: key.slice('node_modules/'.length),
    });
  }
  return found;
}

function installedVersion(dir: string): { name?: string; version?: string } | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
  } catch {
    return undefined;
  }
}

/** Runs npm: the one running this script when started by `npm run`, else the npm on PATH. */
function npm(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const npmCli = process.env.npm_execpath;
  const viaNode = npmCli !== undefined && /npm-cli\.c?js$/.test(npmCli);
  const windows = process.platform === 'win32';
  const result = spawnSync(
    viaNode ? process.execPath : windows ? 'npm.cmd' : 'npm',
    viaNode ? [npmCli, ...args] : args,
    {
      cwd,
      encoding: 'utf8',
      shell: !viaNode && windows,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (result.error) throw new Error(`could not run npm: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `npm pack <name>@<version>` into `destination`; the path of the tarball. */
function packFromRegistry(pkg: PlatformPackage, destination: string, cwd: string): string {
  const spec = `${pkg.name}@${pkg.version}`;
  const result = npm(
    ['pack', spec, '--pack-destination', destination, '--json', '--ignore-scripts', '--loglevel=error'],
    cwd,
  );
  if (result.status !== 0) {
    // npm's own error lines (its --json error object on stdout repeats them); all of stderr if it printed none.
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('npm error'));
    const output = (errors.length > 0 ? errors.join('\n') : `${result.stderr}\n${result.stdout}`).trim();
    const reason = /E404|ETARGET|404 Not Found|is not in this registry|No matching version/i.test(output)
      ? `the registry has no ${spec}`
      : `npm pack ${spec} failed (exit ${result.status})`;
    throw new Error(`${reason}. It is needed to package for this platform.\n${output}`);
  }
  const packed = JSON.parse(result.stdout) as Array<{ filename?: string }>;
  const filename = packed[0]?.filename;
  if (!filename) throw new Error(`npm pack ${spec} did not say which file it wrote:\n${result.stdout}`);
  // npm names scoped tarballs `scope-name-version.tgz`; older npms gave the name with `@` and `/`.
  const plain = join(destination, filename.replace(/^@/, '').replace('/', '-'));
  return existsSync(plain) ? plain : join(destination, filename);
}

/** `sha512-<base64>` (the lockfile's integrity format) of a file. */
function integrityOf(data: Buffer, algorithm: string): string {
  return `${algorithm}-${createHash(algorithm).update(data).digest('base64')}`;
}

function checkIntegrity(pkg: PlatformPackage, tarball: Buffer): void {
  if (!pkg.integrity) return;
  const expected = pkg.integrity.split(/\s+/).filter(Boolean);
  const ok = expected.some((value) => {
    const algorithm = value.slice(0, value.indexOf('-'));
    return ['sha512', 'sha384', 'sha256', 'sha1'].includes(algorithm) && integrityOf(tarball, algorithm) === value;
  });
  if (!ok) {
    throw new Error(
      `${pkg.name}@${pkg.version}: the downloaded tarball does not match package-lock.json's integrity ` +
        `(${expected.join(' ')}); refusing to use it`,
    );
  }
}

function tarNumber(field: Buffer): number {
  // GNU base-256 for large sizes: high bit of the first byte set.
  if (field.length > 0 && ((field[0] as number) & 0x80) !== 0) {
    let value = 0;
    for (let i = 1; i < field.length; i += 1) value = value * 256 + (field[i] as number);
    return value;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function tarString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.toString('utf8', 0, end === -1 ? field.length : end);
}

/** The `path` record of a pax extended header, if any. */
function paxPath(data: Buffer): string | undefined {
  let offset = 0;
  let path: string | undefined;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = parseInt(data.toString('latin1', offset, space), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.toString('utf8', space + 1, offset + length - 1);
    const equals = record.indexOf('=');
    if (record.slice(0, equals) === 'path') path = record.slice(equals + 1);
    offset += length;
  }
  return path;
}

/**
 * Unpacks an npm tarball (gzip + ustar, as `npm pack` writes) into `target`, dropping the first path component
 * (`package/`) like `tar --strip-components=1`. Only files and folders; anything else, and any path leaving
 * `target`, is refused.
 */
export function unpackNpmTarball(tgz: Buffer, target: string): void {
  const tar = gunzipSync(tgz);
  let offset = 0;
  let nextPath: string | undefined;
  mkdirSync(target, { recursive: true });
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = tarNumber(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] as number);
    const data = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      nextPath = paxPath(data) ?? nextPath;
      continue;
    }
    if (type === 'L') {
      nextPath = tarString(data);
      continue;
    }
    if (type === 'g') continue;
    const prefix = header.toString('latin1', 257, 262) === 'ustar' ? tarString(header.subarray(345, 500)) : '';
    const name =
      nextPath ?? (prefix ? `${prefix}/${tarString(header.subarray(0, 100))}` : tarString(header.subarray(0, 100)));
    nextPath = undefined;
    const stripped = name.split('/').slice(1).join('/');
    if (stripped === '') continue;
    const destination = normalize(join(target, stripped));
    if (isAbsolute(stripped) || !destination.startsWith(normalize(target) + sep)) {
      throw new Error(`tarball entry ${name} leaves the package folder`);
    }
    if (type === '5') {
      mkdirSync(destination, { recursive: true });
    } else if (type === '0' || type === '\0' || type === '7') {
      mkdirSync(dirname(destination), { recursive: true });
      const mode = tarNumber(header.subarray(100, 108)) & 0o777;
      writeFileSync(destination, data, { mode: mode & 0o111 ? 0o755 : 0o644 });
    } else {
      throw new Error(
        `tarball entry ${name} has type '${type}' (only files and folders are expected in an npm package)`,
      );
    }
  }
}

export type FetchOptions = { nodeModules?: string; lockfile?: string; log?: (line: string) => void };

/**
 * Brings every platform package of `platform`-`arch` that package-lock.json lists into `nodeModules`. A package
 * already there at the locked version is kept; a different version is replaced. Throws, saying which package and
 * why, when the registry lacks one, npm pack fails or a tarball does not match the lockfile's integrity.
 */
export function fetchPlatformNatives(platform: string, arch: string, options: FetchOptions = {}): FetchResult[] {
  if (!PLATFORMS.includes(platform)) throw new Error(`unknown platform '${platform}' (one of ${PLATFORMS.join(', ')})`);
  if (!ARCHS.includes(arch)) throw new Error(`unknown arch '${arch}' (one of ${ARCHS.join(', ')})`);
  const lockfile = resolve(options.lockfile ?? join(projectDir, 'package-lock.json'));
  const nodeModules = resolve(options.nodeModules ?? join(dirname(lockfile), 'node_modules'));
  const log = options.log ?? (() => undefined);
  const results: FetchResult[] = [];
  let downloads: string | undefined;
  try {
    for (const pkg of platformPackages(lockfile, platform, arch)) {
      const dir = join(nodeModules, ...pkg.path.split('/'));
      const installed = installedVersion(dir);
      if (installed?.name === pkg.name && installed.version === pkg.version) {
        log(`${pkg.name}@${pkg.version}: already in ${dir}`);
        results.push({ name: pkg.name, version: pkg.version, dir, action: 'present' });
        continue;
      }
      downloads ??= mkdtempSync(join(tmpdir(), 'platform-natives-'));
      const tarballPath = packFromRegistry(pkg, downloads, dirname(lockfile));
      const tarball = readFileSync(tarballPath);
      checkIntegrity(pkg, tarball);
      // Unpacked next to its final place, then swapped in: never a half-written package, and never a write through
      // an existing file (a hard-linked copy of node_modules stays untouched).
      const staging = `${dir}.fetching-${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      unpackNpmTarball(tarball, staging);
      const unpacked = installedVersion(staging);
      if (unpacked?.name !== pkg.name || unpacked.version !== pkg.version) {
        rmSync(staging, { recursive: true, force: true });
        throw new Error(`${tarballPath} holds ${unpacked?.name}@${unpacked?.version}, not ${pkg.name}@${pkg.version}`);
      }
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
      log(`${pkg.name}@${pkg.version}: fetched into ${dir}`);
      results.push({ name: pkg.name, version: pkg.version, dir, action: 'fetched' });
    }
  } finally {
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  }
  return results;
}

function usage(): never {
  console.error(
    'usage: node scripts/fetch-platform-natives.ts <platform> <arch> [--node-modules <dir>] [--lockfile <path>]',
  );
  process.exit(2);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const positional: string[] = [];
  const options: FetchOptions = { log: (line) => console.log(line) };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--node-modules' || arg === '--lockfile') {
      const value = args[i + 1];
      if (value === undefined) usage();
      if (arg === '--node-modules') options.nodeModules = value;
      else options.lockfile = value;
      i += 1;
    } else if (arg.startsWith('-')) usage();
    else positional.push(arg);
  }
  const [platform, arch] = positional;
  if (platform === undefined || arch === undefined || positional.length !== 2) usage();
  try {
    const results = fetchPlatformNatives(platform, arch, options);
    console.log(
      results.length === 0
        ? `fetch-platform-natives: package-lock.json lists no ${platform}-${arch} package; nothing to bring in`
        : `fetch-platform-natives: ${platform}-${arch}: ${results.filter((r) => r.action === 'fetched').length} fetched, ` +
            `${results.filter((r) => r.action === 'present').length} already present`,
    );
  } catch (error) {
    console.error(`fetch-platform-natives: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
