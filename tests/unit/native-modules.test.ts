// Every native binary the app ships must be N-API (exports `napi_register_module_v1`), because that is what lets one
// binary load in Node 24 and in Electron with `npmRebuild: false` (DESIGN §2). ELF files are checked properly through
// their dynamic symbol table; PE and Mach-O binaries by the symbol name in their export/string tables.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const projectDir = resolve(import.meta.dirname, '../..');
const NAPI_SYMBOL = 'napi_register_module_v1';
/** Packages the core cannot run without; each must contribute at least one binary so the check is never empty. */
const REQUIRED_NATIVE_PACKAGES = ['better-sqlite3', 'argon2', '@napi-rs/keyring'];

type LockPackage = { dev?: boolean; optional?: boolean };

/** Install folders of the production tree, from the lockfile `npm ci` installs (optional platform packages included). */
function productionPackageDirs(): string[] {
  const lock = JSON.parse(readFileSync(join(projectDir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };
  return Object.entries(lock.packages)
    .filter(([path, info]) => path.startsWith('node_modules/') && !info.dev)
    .map(([path]) => join(projectDir, path))
    .filter((dir) => existsSync(dir));
}

/** `.node` files under a package, not descending into nested node_modules (those are lockfile entries of their own). */
function nodeFilesIn(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...nodeFilesIn(path));
    else if (entry.isFile() && entry.name.endsWith('.node')) found.push(path);
  }
  return found;
}

const SHT_DYNSYM = 11;
const SHN_UNDEF = 0;
const STB_GLOBAL = 1;
const STB_WEAK = 2;

/** Names an ELF shared object defines and exports (global or weak, not undefined) in `.dynsym`. */
function elfExportedSymbols(file: Buffer): Set<string> {
  if (file.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
  const is64 = file[4] === 2;
  const little = file[5] === 1;
  const u16 = (offset: number) => (little ? file.readUInt16LE(offset) : file.readUInt16BE(offset));
  const u32 = (offset: number) => (little ? file.readUInt32LE(offset) : file.readUInt32BE(offset));
  const word = (offset: number) =>
    is64 ? Number(little ? file.readBigUInt64LE(offset) : file.readBigUInt64BE(offset)) : u32(offset);

  const sectionHeaders = word(is64 ? 0x28 : 0x20);
  const sectionHeaderSize = u16(is64 ? 0x3a : 0x2e);
  const sectionCount = u16(is64 ? 0x3c : 0x30);
  const section = (index: number) => {
    const base = sectionHeaders + index * sectionHeaderSize;
    return {
      type: u32(base + 4),
      offset: word(base + (is64 ? 0x18 : 0x10)),
      size: word(base + (is64 ? 0x20 : 0x14)),
      link: u32(base + (is64 ? 0x28 : 0x18)),
      entrySize: word(base + (is64 ? 0x38 : 0x24)),
    };
  };

  const names = new Set<string>();
  for (let index = 0; index < sectionCount; index++) {
    const symbols = section(index);
    if (symbols.type !== SHT_DYNSYM || symbols.entrySize === 0) continue;
    const strings = section(symbols.link);
    for (
      let offset = symbols.offset;
      offset + symbols.entrySize <= symbols.offset + symbols.size;
      offset += symbols.entrySize
    ) {
      // Elf64_Sym: name u32, info u8, other u8, shndx u16 …; Elf32_Sym: name u32, value u32, size u32, info u8, other u8, shndx u16.
      const nameOffset = u32(offset);
      const info = file[offset + (is64 ? 4 : 12)] ?? 0;
      const sectionIndex = u16(offset + (is64 ? 6 : 14));
      const binding = info >> 4;
      if (sectionIndex === SHN_UNDEF || (binding !== STB_GLOBAL && binding !== STB_WEAK)) continue;
      const start = strings.offset + nameOffset;
      names.add(file.toString('latin1', start, file.indexOf(0, start)));
    }
  }
  return names;
}

type BinaryFormat = 'elf' | 'pe' | 'mach-o';

function formatOf(file: Buffer): BinaryFormat | null {
  if (file.length < 8) return null;
  if (file.readUInt32BE(0) === 0x7f454c46) return 'elf';
  if (file[0] === 0x4d && file[1] === 0x5a) return 'pe';
  const magic = file.readUInt32BE(0);
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic)) return 'mach-o';
  return null;
}

function exportsNapi(file: Buffer): boolean {
  if (formatOf(file) === 'elf') return elfExportedSymbols(file).has(NAPI_SYMBOL);
  // PE export tables and Mach-O string tables hold the name as a NUL-terminated string (`_`-prefixed on Mach-O).
  return file.includes(Buffer.from(`${NAPI_SYMBOL}\0`, 'latin1'));
}

const nativeFiles = productionPackageDirs().flatMap((dir) =>
  nodeFilesIn(dir).map((path) => ({ path, packageDir: relative(join(projectDir, 'node_modules'), dir) })),
);

describe('native modules in the production dependency tree', () => {
  it.each(REQUIRED_NATIVE_PACKAGES)('include at least one binary of %s', (name) => {
    const ofPackage = nativeFiles.filter(({ packageDir }) => packageDir === name || packageDir.startsWith(`${name}-`));
    expect(ofPackage.length, `no .node file found for ${name}`).toBeGreaterThan(0);
  });

  it('are all N-API: each exports napi_register_module_v1', () => {
    expect(nativeFiles.length).toBeGreaterThan(0);
    const failures = nativeFiles
      .map(({ path }) => ({ path: relative(projectDir, path), file: readFileSync(path) }))
      .filter(({ file }) => formatOf(file) === null || !exportsNapi(file))
      .map(({ path, file }) => `${path} (${formatOf(file) ?? 'unknown format'})`);
    expect(failures).toEqual([]);
  });

  it('reads ELF exports properly: the NAPI symbol is a defined export, an import alone does not count', () => {
    const elf = nativeFiles.map(({ path }) => readFileSync(path)).find((file) => formatOf(file) === 'elf');
    expect(elf, 'expected at least one ELF binary on this platform').toBeDefined();
    const exported = elfExportedSymbols(elf as Buffer);
    expect(exported.has(NAPI_SYMBOL)).toBe(true);
    // Every N-API module imports napi_create_function from the host; it must not be mistaken for an export.
    expect(exported.has('napi_create_function')).toBe(false);
    expect((elf as Buffer).includes(Buffer.from('napi_create_function\0', 'latin1'))).toBe(true);
  });

  it.runIf(process.platform === 'linux')(
    'tells an N-API host from an addon: node exports N-API functions but is no module',
    () => {
      const node = readFileSync(process.execPath);
      const exported = elfExportedSymbols(node);
      expect(exported.has('napi_create_function')).toBe(true);
      expect(exportsNapi(node)).toBe(false);
    },
  );
});
