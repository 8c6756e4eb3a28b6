// These property tests are written as a user of @kube-reach/core writes them: they may import
// only the package's published entry points (its `exports`), fast-check, vitest and Node, and
// their own helpers in this folder. A relative path into packages/core would pass here and
// break for every user, so this test reads the imports and rejects anything else.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const here = new URL('./', import.meta.url);
const core = JSON.parse(
  readFileSync(new URL('../../packages/core/package.json', import.meta.url), 'utf8'),
) as { exports: Record<string, unknown> };

const published = Object.keys(core.exports)
  .filter((path) => !path.endsWith('.json'))
  .map((path) => (path === '.' ? '@kube-reach/core' : `@kube-reach/core/${path.slice(2)}`));

const OTHERS = ['fast-check', 'vitest', 'node:fs', 'node:url'];

function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map(
    (m) => m[1] ?? '',
  );
}

describe('examples/properties imports only published entry points', () => {
  it('publishes the four entry points the tests use', () => {
    expect(published).toEqual(
      expect.arrayContaining([
        '@kube-reach/core',
        '@kube-reach/core/node',
        '@kube-reach/core/arbitraries',
        '@kube-reach/core/vitest',
      ]),
    );
  });

  for (const file of readdirSync(here).filter((f) => f.endsWith('.ts'))) {
    it(file, () => {
      const text = readFileSync(new URL(file, here), 'utf8');
      for (const spec of importsOf(text)) {
        if (spec.startsWith('./')) {
          expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[^/]+\.js$/);
        } else {
          expect([...published, ...OTHERS], `${file} imports ${spec}`).toContain(spec);
        }
      }
    });
  }
});
