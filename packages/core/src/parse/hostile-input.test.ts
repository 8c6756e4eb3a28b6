import { describe, expect, it } from 'vitest';
import type { DecodeContext } from './context.js';
import { decodeLabels } from './decode-values.js';
import { getOwn } from './guards.js';
import { type ManifestSource, parseCluster } from './index.js';

function codes(
  input: Parameters<typeof parseCluster>[0],
  options?: Parameters<typeof parseCluster>[1],
) {
  return parseCluster(input, options).issues.map((i) => [i.severity, i.code]);
}

function aliasBomb(levels: number, width: number): string {
  let yaml = `a0: &a0 [${Array(width).fill('"lol"').join(', ')}]\n`;
  for (let i = 1; i < levels; i++) {
    yaml += `a${i}: &a${i} [${Array(width)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  }
  return yaml;
}

describe('alias bombs and deep nesting', () => {
  it('refuses a billion-laughs alias bomb quickly', () => {
    const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n${aliasBomb(10, 10)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n')}`;
    const start = performance.now();
    const result = parseCluster(yaml);
    expect(performance.now() - start).toBeLessThan(3000);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual([['error', 'input-too-large']]);
  });

  it('refuses a bomb hidden in fields the parser would walk (labels, rules)', () => {
    const yaml = `${aliasBomb(8, 10)}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress: &r [{from: [{podSelector: {}}]}, {from: [{podSelector: {}}]}]\n`;
    // Each document is measured with the whole source's budget; the bomb is in doc 0.
    expect(codes(yaml)).toEqual([['error', 'input-too-large']]);
  });

  it('accepts ordinary aliases', () => {
    const yaml = `apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a, labels: &l {app: web}}\n- metadata: {name: b, labels: *l}\n`;
    const result = parseCluster(yaml);
    expect(result.ok && result.cluster.pods.map((p) => p.labels.get('app'))).toEqual([
      'web',
      'web',
    ]);
  });

  it('refuses a self-referencing alias (a cycle) cleanly', () => {
    expect(codes('a: &a [*a]')).toEqual([['error', 'input-too-large']]);
    expect(codes('apiVersion: v1\nkind: Pod\nmetadata: &m {name: a, labels: {x: *m}}')).toEqual([
      ['error', 'input-too-large'],
    ]);
  });

  it('refuses 10,000 levels of flow nesting cleanly', () => {
    const start = performance.now();
    expect(codes(`${'['.repeat(10000)}${']'.repeat(10000)}`)).toEqual([
      ['error', 'input-too-large'],
    ]);
    expect(codes(`${'{a: '.repeat(10000)}1${'}'.repeat(10000)}`)).toEqual([
      ['error', 'input-too-large'],
    ]);
    expect(performance.now() - start).toBeLessThan(3000);
  });

  it('refuses 10,000 levels of block nesting cleanly', () => {
    const yaml = Array.from({ length: 10000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(codes(yaml)).toEqual([['error', 'input-too-large']]);
  });

  it('refuses nesting that only aliases make too deep', () => {
    let yaml = `l0: &l0 ${'['.repeat(150)}${']'.repeat(150)}\n`;
    yaml += `l1: &l1 ${'['.repeat(150)}*l0${']'.repeat(150)}\n`;
    expect(codes(yaml)).toEqual([['error', 'input-too-large']]);
  });
});

describe('prototype keys', () => {
  it('keeps __proto__ as an ordinary label key and pollutes nothing', () => {
    const issues: DecodeContext['issues'] = [];
    const parsed = parseCluster(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {__proto__: x, polluted: yes}',
    );
    // `__proto__` is not a valid label key (it starts with `_`): the error proves it was read as one.
    expect(parsed.issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid-label', ['metadata', 'labels', '__proto__']],
    ]);
    const labels = decodeLabels(
      { issues, file: 'f' },
      JSON.parse('{"__proto__": "x", "a": "b"}'),
      [],
    );
    expect([...labels]).toEqual([
      ['__proto__', 'x'],
      ['a', 'b'],
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('reads constructor, toString and hasOwnProperty as plain label keys', () => {
    const result = parseCluster(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {constructor: c, toString: t, hasOwnProperty: h}',
    );
    expect(result.issues).toEqual([]);
    expect(result.ok && [...(result.cluster.pods[0]?.labels ?? [])]).toEqual([
      ['constructor', 'c'],
      ['toString', 't'],
      ['hasOwnProperty', 'h'],
    ]);
  });

  it('never reads inherited properties', () => {
    expect(getOwn({}, 'constructor')).toBeUndefined();
    expect(getOwn({}, 'toString')).toBeUndefined();
    // A pod without labels: `labels` is not found on Object.prototype either.
    const result = parseCluster('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {}');
    expect(result.ok && result.cluster.pods[0]?.labels.size).toBe(0);
  });

  it('does not find apiVersion and kind behind a __proto__ key', () => {
    const result = parseCluster('__proto__: {apiVersion: v1, kind: Pod, metadata: {name: a}}');
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual([['error', 'not-an-object']]);
    expect(result.ok).toBe(false);
  });
});

describe('bytes that are not text', () => {
  it('refuses invalid UTF-8', () => {
    const source: ManifestSource = {
      name: 'bad.yaml',
      text: new Uint8Array([0x61, 0x3a, 0x20, 0xc3, 0x28]),
    };
    expect(parseCluster(source).issues).toEqual([
      {
        code: 'not-text',
        severity: 'error',
        message: 'not UTF-8 text (a binary file?)',
        file: 'bad.yaml',
        path: [],
      },
    ]);
  });

  it('refuses binary garbage', () => {
    const bytes = new Uint8Array(4096);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    expect(codes({ name: 'a.bin', text: bytes })).toEqual([['error', 'not-text']]);
  });

  it('refuses NUL bytes, in bytes and in strings', () => {
    expect(codes({ name: 'n', text: new TextEncoder().encode('a: 1\0') })).toEqual([
      ['error', 'not-text'],
    ]);
    expect(codes('kind: Pod\0')).toEqual([['error', 'not-text']]);
  });

  it('names UTF-16 files', () => {
    const [issue] = parseCluster({
      name: 'w.yaml',
      text: new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x3a, 0xd8]),
    }).issues;
    expect(issue?.message).toBe('the file is UTF-16 text; only UTF-8 is read');
  });

  it('drops a UTF-8 byte order mark', () => {
    const bytes = new TextEncoder().encode('\uFEFFapiVersion: v1\nkind: Pod\nmetadata: {name: a}');
    expect(parseCluster({ name: 'bom.yaml', text: bytes }).ok).toBe(true);
  });
});

describe('size limits', () => {
  it('refuses a source over maxBytes before parsing', () => {
    expect(codes('# comment\n'.repeat(150), { maxBytes: 1000 })).toEqual([
      ['error', 'input-too-large'],
    ]);
    expect(codes({ name: 'b', text: new Uint8Array(1001).fill(0x61) }, { maxBytes: 1000 })).toEqual(
      [['error', 'input-too-large']],
    );
    expect(codes('# comment\n'.repeat(100), { maxBytes: 1000 })).toEqual([]);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const text = `a: "${'é'.repeat(400)}"`;
    expect(text.length).toBeLessThan(500);
    expect(codes(text, { maxBytes: 500 })).toEqual([['error', 'input-too-large']]);
  });

  it('refuses input over the 64 MiB default without parsing it', () => {
    const start = performance.now();
    expect(codes('#'.repeat(64 * 1024 * 1024 + 1))).toEqual([['error', 'input-too-large']]);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('applies the limit per source', () => {
    const small = { name: 'a', text: '# comment\n'.repeat(80) };
    expect(codes([small, { ...small, name: 'b' }], { maxBytes: 1000 })).toEqual([]);
  });
});

describe('never throws', () => {
  it.each([null, undefined, 42, {}, { name: 1, text: 'x' }, [null], [{ name: 'a' }], Symbol('x')])(
    'reports a non-source input (%s) instead of throwing',
    (input) => {
      const result = parseCluster(input as never);
      expect(result.ok).toBe(false);
      expect(result.issues.length).toBeGreaterThan(0);
    },
  );
});
