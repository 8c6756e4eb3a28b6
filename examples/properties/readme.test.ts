// The core README shows these property tests as snippets; this keeps them the same. Each
// `// #region <name>` ... `// #endregion <name>` block of a test file must appear in the README
// verbatim.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const here = new URL('./', import.meta.url);
const readme = readFileSync(new URL('../../packages/core/README.md', import.meta.url), 'utf8');

function regionsOf(text: string): [string, string][] {
  return [...text.matchAll(/^\/\/ #region (\S+)\n([\s\S]*?)^\/\/ #endregion \1$/gm)].map((m) => [
    m[1] ?? '',
    m[2] ?? '',
  ]);
}

describe('packages/core/README.md shows the property tests as they are', () => {
  const files = readdirSync(here).filter((f) => f.endsWith('.prop.test.ts'));
  const regions = files.flatMap((file) =>
    regionsOf(readFileSync(new URL(file, here), 'utf8')).map(([name, text]) => ({
      file,
      name,
      text,
    })),
  );

  it('has the three example properties', () => {
    expect(regions.map((r) => r.name).sort()).toEqual(['monotonic', 'seed', 'shop']);
  });

  for (const { file, name, text } of regions) {
    it(`${file} #region ${name}`, () => {
      expect(readme).toContain(`\`\`\`ts\n${text}\`\`\``);
    });
  }
});
