// Issue 16 item 9: a terminated pod named as an endpoint is not "no pod named ...": the message
// names its phase and how to include it.

import { describe, expect, it } from 'vitest';
import { parseCluster } from '../parse/index.js';
import { compile } from '../query/index.js';
import { resolveEndpoint } from './resolve-endpoint.js';

const YAML = `
apiVersion: v1
kind: Pod
metadata: {name: migrate-x1, namespace: shop}
spec: {containers: [{name: c, image: i}]}
status: {phase: Succeeded}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop}
spec: {containers: [{name: c, image: i}]}
status: {phase: Running}
`;

function engineOf(includeTerminatedPods: boolean) {
  const parsed = parseCluster({ name: 'pods.yaml', text: YAML }, { includeTerminatedPods });
  if (!parsed.ok) throw new Error('does not parse');
  return compile(parsed.cluster);
}

describe('a terminated pod as an endpoint', () => {
  it('names its phase and --include-terminated-pods', () => {
    for (const text of ['shop/migrate-x1', 'shop/pod/migrate-x1']) {
      const resolved = resolveEndpoint(engineOf(false), text);
      expect(resolved.ok).toBe(false);
      if (resolved.ok) return;
      expect(resolved.issue.code).toBe('terminated-pod');
      expect(resolved.issue.message).toBe(
        'pod "migrate-x1" in namespace "shop" is in phase Succeeded, so it is left out of the analysis; pass --include-terminated-pods (the parse option includeTerminatedPods) to ask about it',
      );
    }
  });

  it('resolves when terminated pods are included, and a running pod is unaffected', () => {
    const included = resolveEndpoint(engineOf(true), 'shop/migrate-x1');
    expect(included.ok && included.endpoint.kind).toBe('pod');
    const running = resolveEndpoint(engineOf(false), 'shop/api');
    expect(running.ok && running.endpoint.kind).toBe('pod');
    const missing = resolveEndpoint(engineOf(false), 'shop/nothing');
    expect(!missing.ok && missing.issue.code).toBe('unknown-name');
  });
});
