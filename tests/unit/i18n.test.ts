// The dictionaries and the rule that components hold no text. Every language must give every English key a
// non-blank text with the same `{placeholders}`, and a scan of renderer/**/*.tsx with the TypeScript compiler API
// fails on literal JSX text and on literal user-visible attributes (aria-label, title, alt, placeholder…).
import { globSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../renderer/i18n/en.ts';
import { DEFAULT_LANGUAGE, DICTIONARIES, LANGUAGES, translate } from '../../renderer/i18n/languages.ts';
import { REFUSAL_TEXT } from '../../renderer/i18n/refusal-text.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const englishKeys = Object.keys(en) as MessageKey[];
const translations = LANGUAGES.filter((language) => language !== 'en');

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('dictionaries', () => {
  it('offers English, Spanish and French, with English the default', () => {
    expect(LANGUAGES).toEqual(['en', 'es', 'fr']);
    expect(DEFAULT_LANGUAGE).toBe('en');
    expect(LANGUAGES.map((language) => translate(language, 'meta.locale'))).toEqual(['en-GB', 'es-ES', 'fr-FR']);
    expect(LANGUAGES.map((language) => translate(language, 'meta.languageName'))).toEqual([
      'English',
      'Español',
      'Français',
    ]);
  });

  describe.each(LANGUAGES)('%s', (language) => {
    const dictionary: Readonly<Record<string, unknown>> = DICTIONARIES[language];

    it('has exactly the English keys', () => {
      expect(Object.keys(dictionary).sort()).toEqual([...englishKeys].sort());
    });

    it('has a non-blank text for every key', () => {
      const blank = englishKeys.filter((key) => {
        const text = dictionary[key];
        return typeof text !== 'string' || text.trim() === '';
      });
      expect(blank).toEqual([]);
    });

    it('uses the same {placeholders} as English in every text', () => {
      const mismatched = englishKeys.filter((key) => {
        const text = dictionary[key];
        return typeof text !== 'string' || placeholders(text).join() !== placeholders(en[key]).join();
      });
      expect(mismatched).toEqual([]);
    });
  });

  it.each(translations)('%s is a translation, not a copy of English', (language) => {
    // Codes (STAN, RRN), symbols and words shared by both languages may stay; most texts must differ.
    const same = englishKeys.filter((key) => translate(language, key) === en[key]);
    expect(same.length).toBeLessThan(englishKeys.length / 10);
  });

  it('explains every refusal code with a key all languages have', () => {
    for (const key of Object.values(REFUSAL_TEXT)) {
      for (const language of LANGUAGES) expect(translate(language, key).trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('catches a missing key, a blank text and a changed placeholder (the checks above are not vacuous)', () => {
    const broken: Record<string, string> = { ...DICTIONARIES.es, 'deposit.add': 'Añadir un billete de {importe}' };
    delete broken['menu.title'];
    broken['common.done'] = '  ';
    expect(englishKeys.filter((key) => !(key in broken))).toEqual(['menu.title']);
    expect(englishKeys.filter((key) => broken[key]?.trim() === '')).toEqual(['common.done']);
    expect(placeholders(broken['deposit.add'] ?? '')).not.toEqual(placeholders(en['deposit.add']));
  });
});

/** Attributes (of elements and of components passing them on) that put text in front of the customer. */
const USER_VISIBLE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'alt',
  'placeholder',
  'label',
  'hint',
]);

type LiteralText = { readonly file: string; readonly line: number; readonly text: string };

/** A string literal, or the fixed parts of a template literal; null for anything computed. */
function literalParts(expression: ts.Expression): string[] | null {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression.text];
  if (ts.isTemplateExpression(expression)) {
    return [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)];
  }
  if (ts.isParenthesizedExpression(expression)) return literalParts(expression.expression);
  return null;
}

/** Literal text an expression can evaluate to: both arms of `?:`, the fallback of `??` and `||`, `&&`'s result. */
function literalTexts(expression: ts.Expression): string[] {
  const parts = literalParts(expression);
  if (parts) return parts.filter((part) => part.trim() !== '');
  if (ts.isConditionalExpression(expression)) {
    return [...literalTexts(expression.whenTrue), ...literalTexts(expression.whenFalse)];
  }
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      return [...literalTexts(expression.left), ...literalTexts(expression.right)];
    }
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return literalTexts(expression.right);
  }
  if (ts.isParenthesizedExpression(expression)) return literalTexts(expression.expression);
  return [];
}

/** Literal text in JSX children and in user-visible attributes of one .tsx source. */
function findLiteralText(file: string, source: string): LiteralText[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: LiteralText[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    found.push({ file, line, text: text.trim() });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && !node.containsOnlyTriviaWhiteSpaces && node.text.trim() !== '') {
      report(node, node.text);
    } else if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      for (const text of literalTexts(node.expression)) report(node, text);
    } else if (ts.isJsxAttribute(node) && USER_VISIBLE_ATTRIBUTES.has(node.name.getText(sourceFile))) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value) && value.text.trim() !== '') report(node, value.text);
      if (value && ts.isJsxExpression(value) && value.expression) {
        for (const text of literalTexts(value.expression)) report(node, text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

describe('no literal text in components', () => {
  const files = globSync('renderer/**/*.tsx', { cwd: repoRoot }).sort();

  it('scans the renderer’s components', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain(join('renderer', 'App.tsx'));
  });

  it('finds no literal text in JSX or in user-visible attributes', () => {
    const found = files.flatMap((file) => findLiteralText(file, readFileSync(join(repoRoot, file), 'utf8')));
    const report = found.map(({ file, line, text }) => `${file}:${line} ${JSON.stringify(text)}`);
    expect(report, 'move these texts to renderer/i18n/en.ts (and es.ts, fr.ts)').toEqual([]);
  });

  it('catches literal text, literal attributes and literal fallbacks (the scan is not vacuous)', () => {
    const source = `
      export function Sample({ t, name }: { t: (key: string) => string; name?: string }) {
        return (
          <div aria-label="Keypad" title={\`Hello \${name}\`}>
            Press here
            {name ? name : 'Nobody'}
            {name ?? 'Somebody'}
            <img alt={'Logo'} src="/logo.png" />
            <Field label="Amount" hint={t('hint')} placeholder={t('placeholder')} />
            {t('fine')} {' '} {name}
            <span className="fine" data-testid="fine" />
          </div>
        );
      }`;
    expect(findLiteralText('sample.tsx', source).map(({ text }) => text)).toEqual([
      'Keypad',
      'Hello',
      'Press here',
      'Nobody',
      'Somebody',
      'Logo',
      'Amount',
    ]);
  });
});
