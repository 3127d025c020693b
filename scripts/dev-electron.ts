// `npm run dev`: the renderer from Vite's dev server (hot reload) inside the real Electron shell. The shell honours
// ATM_RENDERER_URL only when unpackaged and only on loopback, so this cannot leak into an installed kiosk.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createServer } from 'vite';

const root = resolve(import.meta.dirname, '..');
const DEV_HOST = '127.0.0.1';
const DEV_PORT = 5173;

function electronBinary(): string | null {
  try {
    // The electron package resolves (and on first use downloads) its binary; it throws when it cannot.
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return null;
  }
}

// Find Electron before starting anything, so a machine without it fails fast with something to do instead.
const binary = electronBinary();
if (!binary) {
  console.error(
    "Electron's binary is not available here (it is downloaded from GitHub releases on first run).\n" +
      'Run the kiosk in Chromium instead: npm run dev:browser',
  );
  process.exit(1);
}

const server = await createServer({
  configFile: resolve(root, 'vite.config.ts'),
  server: { host: DEV_HOST, port: DEV_PORT, strictPort: true },
});
await server.listen();

const child = spawn(binary, ['.'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ATM_RENDERER_URL: `http://${DEV_HOST}:${DEV_PORT}` },
});
const stop = () => child.kill();
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  void server.close().finally(() => process.exit(code ?? 0));
});
