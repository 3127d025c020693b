// The layout's import boundaries are lint errors (STYLE.md §1): this runs the project's real ESLint config on
// small sources placed in each folder and checks which imports it refuses.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
// The sample files exist only as text, outside the TypeScript project, so the one type-aware rule is left out here.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
});

async function restrictedImportErrors(file: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').length;
}

describe('import boundaries', () => {
  it.each([
    ['renderer/screens/Example.tsx', "import { ipcRenderer } from 'electron';"],
    ['renderer/screens/Example.tsx', "import { readFileSync } from 'node:fs';"],
    ['renderer/screens/Example.tsx', "import { createKioskCore } from '../../electron/core/kiosk-core.ts';"],
    ['shared/example.ts', "import { app } from 'electron';"],
    ['shared/example.ts', "import { createHash } from 'node:crypto';"],
    ['shared/example.ts', "import Database from 'better-sqlite3';"],
    ['shared/example.ts', "import { useState } from 'react';"],
    ['electron/session/example.ts', "import { app } from 'electron';"],
    ['electron/window-example.ts', "import { ipcMain } from 'electron';"],
    ['electron/window-example.ts', "import { shell } from 'electron';"],
    ['electron/preload.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/preload.ts', "import { createKioskCore } from './core/kiosk-core.ts';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, `${code}\nexport {};\n`)).toBeGreaterThan(0);
  });

  it.each([
    ['renderer/screens/Example.tsx', "import type { AtmApi } from '../../shared/ipc/contract.ts';"],
    ['shared/example.ts', "import { z } from 'zod';"],
    ['electron/ipc/register-electron-ipc.ts', "import { ipcMain } from 'electron';"],
    ['electron/window-example.ts', "import { BrowserWindow } from 'electron';"],
    ['electron/preload.ts', "import { contextBridge } from 'electron';\nimport { createAtmApi } from '../shared/ipc/contract.ts';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, `${code}\nexport {};\n`)).toBe(0);
  });
});
