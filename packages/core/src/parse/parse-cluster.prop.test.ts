import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { formatIssue, type ParseResult, parseCluster } from './index.js';

/** The contract of every result: ok means no errors; not ok means at least one; lines stay lines. */
function checkContract(result: ParseResult): void {
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (result.ok) expect(errors).toEqual([]);
  else expect(errors.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(issue.message.length).toBeGreaterThan(0);
    expect(formatIssue(issue)).not.toMatch(/[\n\r]/);
  }
}

function dumpOrUndefined(value: unknown): string | undefined {
  try {
    return dump(value, { skipInvalid: true });
  } catch {
    return undefined;
  }
}

const VALID: unknown[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'api', namespace: 'shop' },
    spec: {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            {
              podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] },
            },
            { namespaceSelector: {}, podSelector: { matchLabels: { app: 'mon' } } },
            { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
          ],
          ports: [{ port: 8080 }, { port: 'http', protocol: 'TCP' }, { port: 9000, endPort: 9100 }],
        },
      ],
      egress: [{ to: [{ ipBlock: { cidr: 'fd00::/8' } }], ports: [{ protocol: 'UDP', port: 53 }] }],
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080, name: 'http' }] }] },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'shop', labels: { tier: 'web' } },
    status: { podIP: '10.0.0.7', phase: 'Running' },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'api', namespace: 'shop' },
    spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  },
];

/** Every path (list of keys and indexes) of a JSON value, the root included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...prefix, i]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  }
  return out;
}

/** A copy of `root` with the value at `path` replaced (or deleted, for undefined). */
function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(root)) {
    const copy: unknown[] = [...root];
    copy[Number(head)] = setAt(copy[Number(head)], rest, value) ?? null;
    return copy;
  }
  const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) };
  const next = setAt(copy[head], rest, value);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

const mutation = fc.record({
  at: fc.nat(),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constant(undefined),
    fc.constantFrom(
      '',
      'tcp',
      'In',
      'Foo',
      '10.0.0.0/33',
      '__proto__',
      -1,
      0,
      65536,
      1.5,
      true,
      null,
      [],
      {},
    ),
  ),
});

describe('parseCluster never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checkContract(parseCluster(text));
      }),
    );
  });

  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        checkContract(parseCluster({ name: 'b', text: bytes }));
      }),
    );
  });

  it('on arbitrary JSON values dumped as YAML, alone or in a List', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, inList) => {
        const text = dumpOrUndefined(
          inList ? { apiVersion: 'v1', kind: 'List', items: [value] } : value,
        );
        fc.pre(text !== undefined);
        checkContract(parseCluster(text ?? ''));
      }),
    );
  });

  it('on arbitrary values (fc.anything) dumped as YAML', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true }), (value) => {
        const text = dumpOrUndefined(value);
        fc.pre(text !== undefined);
        checkContract(parseCluster(text ?? ''));
      }),
    );
  });

  it('on objects shaped like Kubernetes objects with arbitrary contents', () => {
    const kinds = fc.constantFrom(
      ['v1', 'Pod'],
      ['v1', 'Service'],
      ['v1', 'Namespace'],
      ['networking.k8s.io/v1', 'NetworkPolicy'],
      ['apps/v1', 'Deployment'],
      ['batch/v1', 'CronJob'],
      ['v1', 'PodList'],
    );
    fc.assert(
      fc.property(
        kinds,
        fc.jsonValue(),
        fc.jsonValue(),
        fc.jsonValue(),
        ([apiVersion, kind], metadata, spec, status) => {
          const text = dumpOrUndefined({ apiVersion, kind, metadata, spec, status, items: spec });
          fc.pre(text !== undefined);
          checkContract(parseCluster(text ?? ''));
        },
      ),
    );
  });

  it('on mutations of a valid manifest', () => {
    const base = parseCluster(VALID.map((v) => dump(v)).join('---\n'));
    expect(base.ok && base.issues).toEqual([]);
    fc.assert(
      fc.property(
        fc.nat({ max: VALID.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (index, mutations) => {
          let object = VALID[index];
          for (const m of mutations) {
            const paths = pathsOf(object);
            object = setAt(object, paths[m.at % paths.length] ?? [], m.value);
          }
          const docs = VALID.map((v, i) => (i === index ? object : v));
          const text = docs.map((d) => dumpOrUndefined(d) ?? '').join('---\n');
          checkContract(parseCluster(text));
        },
      ),
    );
  });

  it('gives the same result for the same input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VALID), { maxLength: 6 }), (docs) => {
        const text = docs.map((d) => dump(d)).join('---\n');
        expect(parseCluster(text)).toEqual(parseCluster(text));
      }),
    );
  });
});
