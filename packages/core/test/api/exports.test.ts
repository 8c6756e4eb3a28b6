// The public surface of every entry point, as a sorted list of names: adding or removing an
// export changes this snapshot, so it is a decision in review and never an accident. Type-only
// exports leave no trace at run time; their names are read from the entry files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as arbitraries from '../../src/arbitraries/index.js';
import * as format from '../../src/format/index.js';
import * as main from '../../src/index.js';
import * as node from '../../src/node/index.js';
import * as reference from '../../src/reference/index.js';
import * as report from '../../src/report/index.js';
import * as vitestKit from '../../src/vitest/index.js';

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

const ENTRY_POINTS: Readonly<Record<string, { readonly module: object; readonly file: string }>> = {
  '.': { module: main, file: 'src/index.ts' },
  './node': { module: node, file: 'src/node/index.ts' },
  './reference': { module: reference, file: 'src/reference/index.ts' },
  './arbitraries': { module: arbitraries, file: 'src/arbitraries/index.ts' },
  './vitest': { module: vitestKit, file: 'src/vitest/index.ts' },
  './format': { module: format, file: 'src/format/index.ts' },
  './report': { module: report, file: 'src/report/index.ts' },
};

/** The names an entry file exports as types only (`export type { A, B }`, `export type X`). */
function typeExports(file: string): string[] {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  const listed = [...text.matchAll(/export\s+type\s*\{([^}]*)\}/g)].flatMap((m) =>
    (m[1] ?? '')
      .split(',')
      .map(
        (name) =>
          name
            .trim()
            .split(/\s+as\s+/)
            .at(-1) ?? '',
      )
      .filter((name) => name !== ''),
  );
  const declared = [
    ...text.matchAll(/export\s+(?:declare\s+)?(?:type|interface)\s+([A-Za-z_$][\w$]*)/g),
  ].map((m) => m[1] ?? '');
  const star = [...text.matchAll(/export\s+type\s+\*\s+from\s+'([^']+)'/g)].map(
    (m) => `* from ${m[1]}`,
  );
  return [...listed, ...declared, ...star];
}

describe('public API', () => {
  it('covers every entry point of package.json', () => {
    const entries = Object.keys(PACKAGE.exports).filter((key) => key !== './package.json');
    expect(entries.sort()).toEqual(Object.keys(ENTRY_POINTS).sort());
  });

  for (const [entry, { module, file }] of Object.entries(ENTRY_POINTS)) {
    it(`exports exactly these names from ${entry}`, () => {
      const values = Object.keys(module).sort();
      const types = typeExports(file)
        .filter((name) => !values.includes(name))
        .sort();
      expect({ values, types }).toMatchSnapshot();
    });
  }

  it('has no CLI help text in the library', () => {
    expect(Object.keys(main).filter((name) => name.endsWith('_HELP'))).toEqual([]);
  });
});
