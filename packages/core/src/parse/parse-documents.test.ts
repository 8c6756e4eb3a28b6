import { describe, expect, it } from 'vitest';
import { parseCluster } from './parse-cluster.js';
import { MAX_DOCUMENTS, parseDocuments, splitDocuments } from './parse-documents.js';

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n';
const DENY_ALL_JSON = JSON.stringify({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny-all', namespace: 'x' },
  spec: { podSelector: {} },
});

describe('parseDocuments: stream edges', () => {
  it('accepts a %YAML directive before a document, first or later in the stream', () => {
    for (const text of [
      `%YAML 1.1\n---\n${NAMESPACE}`,
      `%YAML 1.2\n# a comment\n---\n${NAMESPACE}`,
      `${NAMESPACE}...\n%YAML 1.1\n---\n${NAMESPACE.replace('name: x', 'name: y')}`,
    ]) {
      const result = parseDocuments({ name: 'a.yaml', text });
      expect(result.issues).toEqual([]);
      expect(result.objects.length).toBeGreaterThan(0);
    }
    expect(splitDocuments('%YAML 1.1\n---\na: 1\n---\nb: 2').map((c) => c.firstLine)).toEqual([
      0, 3,
    ]);
  });

  it('refuses a .json manifest that opens with a // comment, naming the file and line', () => {
    const result = parseCluster([{ name: 'deny.json', text: `// deny all\n${DENY_ALL_JSON}\n` }]);
    expect(result.ok).toBe(false);
    expect(result.issues).toMatchObject([
      { code: 'yaml-syntax', severity: 'error', file: 'deny.json', line: 1 },
    ]);
    const later = parseDocuments({
      name: 'p.json',
      text: `{\n  "kind": "Pod",\n  // no\n  "x": 1}`,
    });
    expect(later.issues).toMatchObject([{ code: 'yaml-syntax', line: 3 }]);
    // On stdin or in YAML, a // line that opens a document is the same mistake.
    const stdin = parseDocuments({
      name: '<stdin>',
      text: `${NAMESPACE}---\n// deny\n${DENY_ALL_JSON}`,
    });
    expect(stdin.issues).toMatchObject([{ code: 'yaml-syntax', line: 5 }]);
    // A URL inside a YAML value is not a comment.
    const url = parseDocuments({
      name: 'a.yaml',
      text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  annotations:\n    u: //x\n    v: |\n      // a line of text\n',
    });
    expect(url.issues).toEqual([]);
    expect(url.objects).toHaveLength(1);
  });

  // Before: ~100 µs per empty document in js-yaml, 149 s for 4 MB of `---`, and no cap. The
  // bounds are loose because the test machines are shared; the work is now linear and small.
  it('reads a stream of empty documents fast, and refuses more than MAX_DOCUMENTS', () => {
    const manyEmpty = '---\n'.repeat(100_000) + NAMESPACE;
    let started = performance.now();
    const ok = parseDocuments({ name: 'a.yaml', text: manyEmpty });
    expect(ok.issues).toEqual([]);
    expect(ok.objects).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(20_000);

    started = performance.now();
    const over = parseDocuments({ name: 'a.yaml', text: '---\n'.repeat(1_000_000) });
    expect(over.issues).toMatchObject([
      {
        code: 'input-too-large',
        severity: 'error',
        message: `more than ${MAX_DOCUMENTS} documents`,
      },
    ]);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('still reads a marker with content on its line, and skips one with only a comment', () => {
    const result = parseDocuments({ name: 'a.yaml', text: '--- # c\n---\n--- {a: 1}\n' });
    expect(result.issues).toEqual([]);
    expect(result.objects).toMatchObject([{ value: { a: 1 }, doc: 2 }]);
  });
});
