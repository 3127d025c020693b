// electron-builder.yml read and validated by electron-builder's own loader and schema validator, then checked for
// what DESIGN §2/§6 require: no native rebuild, the fuses, the installer targets, native code unpacked, and only
// the built app (never sources, maps or the browser host) inside the package. Then the installer resources in
// build/: the NSIS auto-start include, the deb's maintainer scripts, the systemd unit and the kiosk session script.
// (tests/unit/packaging.test.ts runs the packager itself on this config.)
import { spawnSync } from 'node:child_process';
import type { Stats } from 'node:fs';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: false,
      include: 'build/installer.nsh',
      deleteAppDataOnUninstall: false,
    });
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

/** Runs a shell's syntax check (`-n`) on a script; returns its complaints. */
function syntaxErrors(shell: string, path: string): string {
  const result = spawnSync(shell, ['-n', path], { encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr || `exit ${result.status}`;
}

/** electron-builder fills `${name}` in the deb script templates and throws on an unknown name (FpmTarget). */
const TEMPLATE_MACROS = new Set(['executable', 'sanitizedProductName', 'productFilename']);
function renderTemplate(text: string): string {
  return text.replace(/\$\{([a-zA-Z]+)\}/g, (_match, name: string) => {
    if (!TEMPLATE_MACROS.has(name)) throw new Error(`Macro ${name} is not defined`);
    return name === 'executable' ? 'atm-kiosk' : 'ATM Kiosk';
  });
}

describe('installers and the kiosk session (build/)', () => {
  it('runs the native-binary check after packing', () => {
    expect(config.afterPack).toBe('./build/after-pack.ts');
  });

  it('NSIS: optional HKLM Run auto-start by /AUTOSTART or a Yes, kept across upgrades, removed on uninstall', async () => {
    const nsh = await readFile(join(projectDir, 'build', 'installer.nsh'), 'utf8');
    const install = nsh.slice(nsh.indexOf('!macro customInstall'), nsh.indexOf('!macroend'));
    const uninstall = nsh.slice(nsh.indexOf('!macro customUnInstall'));
    expect(install).toContain('${GetOptions} $R0 "/AUTOSTART" $R1');
    expect(install).toContain('MessageBox MB_YESNO');
    expect(install).toContain('/SD IDNO');
    expect(install).toMatch(
      /WriteRegStr HKLM "\$\{ATM_KIOSK_RUN_KEY\}" "\$\{ATM_KIOSK_RUN_VALUE\}" '"\$INSTDIR\\\$\{APP_EXECUTABLE_FILENAME\}"'/,
    );
    expect(nsh).toContain('!define ATM_KIOSK_RUN_KEY "Software\\Microsoft\\Windows\\CurrentVersion\\Run"');
    expect(uninstall).toContain('${GetOptions} $R0 "--updated" $R1');
    expect(uninstall).toMatch(/\$\{If\} \$\{Errors\}[\s\S]*DeleteRegValue HKLM/);
    // Every macro the include opens is closed.
    expect(nsh.match(/^!macro /gm)?.length).toBe(nsh.match(/^!macroend/gm)?.length);
  });

  it('deb: depends on cage, D-Bus and gnome-keyring besides the Electron libraries, and ships the unit and session', async () => {
    const deb = config.deb as { depends?: string[]; fpm?: string[]; afterInstall?: string; afterRemove?: string };
    expect(deb.depends).toEqual(
      expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libsecret-1-0', 'cage', 'dbus', 'gnome-keyring']),
    );
    expect(deb.fpm).toEqual([
      'build/linux/atm-kiosk.service=/lib/systemd/system/atm-kiosk.service',
      'build/linux/atm-kiosk-session=/usr/lib/atm-kiosk/atm-kiosk-session',
    ]);
    for (const mapping of deb.fpm ?? []) {
      const source = join(projectDir, mapping.slice(0, mapping.indexOf('=')));
      expect(statSync(source).isFile(), source).toBe(true);
    }
    // fpm keeps the mode: the session script must be executable.
    expect(statSync(join(projectDir, 'build/linux/atm-kiosk-session')).mode & 0o111).toBe(0o111);
    expect(deb).toMatchObject({
      afterInstall: 'build/linux/after-install.tpl',
      afterRemove: 'build/linux/after-remove.tpl',
    });
  });

  it('deb scripts: only macros electron-builder knows, valid bash, and they set up / tear down the kiosk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atm-deb-scripts-'));
    try {
      for (const name of ['after-install', 'after-remove']) {
        const rendered = renderTemplate(await readFile(join(projectDir, 'build/linux', `${name}.tpl`), 'utf8'));
        const path = join(dir, name);
        writeFileSync(path, rendered);
        expect(syntaxErrors('bash', path), name).toBe('');
      }
      const postinst = await readFile(join(dir, 'after-install'), 'utf8');
      // electron-builder's own steps are kept.
      expect(postinst).toContain(
        "update-alternatives --install '/usr/bin/atm-kiosk' 'atm-kiosk' '/opt/ATM Kiosk/atm-kiosk'",
      );
      expect(postinst).toContain("chmod 4755 '/opt/ATM Kiosk/chrome-sandbox'");
      expect(postinst).toMatch(/useradd --system .*--home-dir "\$KIOSK_HOME" --no-create-home/);
      expect(postinst).toContain('--shell /usr/sbin/nologin');
      expect(postinst).toContain('systemctl enable atm-kiosk.service');
      // Enabled, never (re)started: an upgrade must not end a customer's session.
      const commands = postinst.replace(/^\s*#.*$/gm, '');
      expect(commands).not.toMatch(/systemctl (re|try-re)?start/);
      expect(postinst).toContain('keyring-password');
      const postrm = await readFile(join(dir, 'after-remove'), 'utf8');
      expect(postrm).toContain("update-alternatives --remove 'atm-kiosk' '/opt/ATM Kiosk/atm-kiosk'");
      expect(postrm).toMatch(/remove\|purge\)[\s\S]*rm -f \/etc\/systemd\/system\/\*\.wants\/atm-kiosk\.service/);
      // The bank's data is never deleted by the package manager.
      expect(postrm).not.toMatch(/rm -[a-z]*r[a-z]* .*\/var\/lib\/atm-kiosk/);
      expect(postrm).not.toContain('userdel');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the session script: valid sh, private D-Bus, keyring unlocked from the credential, the app under cage', async () => {
    const path = join(projectDir, 'build/linux/atm-kiosk-session');
    expect(syntaxErrors('sh', path)).toBe('');
    const script = await readFile(path, 'utf8');
    expect(script).toContain('exec dbus-run-session --');
    expect(script).toContain('gnome-keyring-daemon --unlock --components=secrets < "$password_file"');
    expect(script).toContain('exec cage -- "$APP"');
    expect(script).toContain('APP="/opt/ATM Kiosk/atm-kiosk"');
    expect(script).toContain('export XDG_CONFIG_HOME="$STATE_DIRECTORY"');
  });

  it('the systemd unit: unprivileged user, restart then reboot, read-only system, state dir, no core dumps', async () => {
    const unit = await readFile(join(projectDir, 'build/linux/atm-kiosk.service'), 'utf8');
    const directives = new Map<string, string[]>();
    for (const line of unit.split('\n')) {
      const match = /^([A-Za-z]+)=(.*)$/.exec(line);
      if (match)
        directives.set(match[1] as string, [...(directives.get(match[1] as string) ?? []), match[2] as string]);
    }
    const one = (key: string) => directives.get(key)?.join(' | ');
    expect(one('User')).toBe('atm-kiosk');
    expect(one('Group')).toBe('atm-kiosk');
    expect(one('ExecStart')).toBe('/usr/lib/atm-kiosk/atm-kiosk-session');
    expect(one('Restart')).toBe('on-failure');
    expect(one('StartLimitIntervalSec')).toBe('600');
    expect(one('StartLimitBurst')).toBe('5');
    expect(one('StartLimitAction')).toBe('reboot');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ProtectHome')).toBe('yes');
    expect(one('StateDirectory')).toBe('atm-kiosk');
    expect(one('RuntimeDirectory')).toBe('atm-kiosk');
    expect(one('LimitCORE')).toBe('0');
    expect(one('PAMName')).toBe('login');
    expect(one('WantedBy')).toBe('graphical.target');
    expect(one('LoadCredential')).toBe('keyring-password:/etc/atm-kiosk/keyring-password');
    // Nothing in the unit makes the install dir writable again.
    expect(one('ReadWritePaths') ?? '').not.toContain('/opt');
    for (const breaksChromium of [
      'NoNewPrivileges',
      'RestrictNamespaces',
      'MemoryDenyWriteExecute',
      'PrivateDevices',
    ]) {
      expect(directives.has(breaksChromium), breaksChromium).toBe(false);
    }
  });

  it.skipIf(spawnSync('systemd-analyze', ['--version']).status !== 0)(
    'the systemd unit passes systemd-analyze verify with no warnings',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'atm-unit-'));
      try {
        // verify checks that ExecStart exists; the session script is only installed by the deb.
        const unit = (await readFile(join(projectDir, 'build/linux/atm-kiosk.service'), 'utf8')).replace(
          /^ExecStart=.*$/m,
          `ExecStart=${process.execPath} --version`,
        );
        writeFileSync(join(dir, 'atm-kiosk.service'), unit);
        const result = spawnSync('systemd-analyze', ['verify', '--man=no', join(dir, 'atm-kiosk.service')], {
          encoding: 'utf8',
        });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
