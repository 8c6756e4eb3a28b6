import { describe, expect, it } from 'vitest';
import { formatIssue, formatIssues, type Issue } from './index.js';

const base: Issue = {
  code: 'bad-port',
  severity: 'error',
  message: 'oops',
  file: 'a.yaml',
  path: [],
};

describe('formatIssue', () => {
  it('names file, document (from 1), object and path', () => {
    expect(
      formatIssue({
        ...base,
        doc: 1,
        object: { kind: 'NetworkPolicy', namespace: 'production', name: 'restrict-access' },
        path: ['spec', 'ingress', 0, 'ports', 1, 'endPort'],
        message: 'Invalid value: 79: must be greater than or equal to `port`',
      }),
    ).toBe(
      'a.yaml: doc 2 NetworkPolicy production/restrict-access: spec.ingress[0].ports[1].endPort: Invalid value: 79: must be greater than or equal to `port`',
    );
  });

  it('prefixes warnings, shows list items, cluster-scoped objects and lines', () => {
    expect(
      formatIssue({
        ...base,
        severity: 'warning',
        doc: 0,
        item: 3,
        object: { kind: 'Namespace', name: 'x' },
      }),
    ).toBe('warning: a.yaml: doc 1 items[3] Namespace x: oops');
    expect(formatIssue({ ...base, line: 12, code: 'yaml-syntax' })).toBe('a.yaml:12: oops');
    expect(
      formatIssue({ ...base, doc: 0, object: { kind: 'Pod' }, path: ['metadata', 'name'] }),
    ).toBe('a.yaml: doc 1 Pod: metadata.name: oops');
    expect(formatIssue(base)).toBe('a.yaml: oops');
  });

  it('formats a list in order', () => {
    expect(formatIssues([base, { ...base, file: 'b.yaml' }])).toEqual([
      'a.yaml: oops',
      'b.yaml: oops',
    ]);
  });
});
