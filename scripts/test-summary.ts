// Prints one line summing every test suite of the last run (`tests: N passed, N failed`), from the JSON reports
// Vitest and Playwright write under test-results/. A suite that did not run counts nothing.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
let passed = 0;
let failed = 0;

const vitestReport = resolve(root, 'test-results/vitest.json');
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}

const playwrightReport = resolve(root, 'test-results/playwright.json');
if (existsSync(playwrightReport)) {
  const report = JSON.parse(readFileSync(playwrightReport, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
}

console.log(`tests: ${passed} passed, ${failed} failed`);
