import type { Connection } from '@kube-reach/core';
import { readConnectivityList, readReachabilityMatrix } from '@kube-reach/core/format';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { reach } from './support/fixtures.js';

function matrix(...args: string[]): string[] {
  return ['matrix', '-f', 'seed', ...args];
}

describe('reach matrix with --port: a truth table', () => {
  it('prints the ReachabilityMatrix contract in JSON', async () => {
    const result = await reach(matrix('--port', '80', '-n', 'production', '-o', 'json'));
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(Object.keys(doc)).toEqual(['apiVersion', 'kind', 'port', 'protocol', 'pods', 'allowed']);
    expect(doc).toMatchObject({
      apiVersion: 'kube-reach/v1alpha1',
      kind: 'ReachabilityMatrix',
      port: 80,
      protocol: 'TCP',
    });
    const api = doc.pods.indexOf('production/deployment/api');
    const web = doc.pods.indexOf('production/deployment/web');
    expect(api).toBeGreaterThanOrEqual(0);
    expect(web).toBeGreaterThanOrEqual(0);
    // restrict-access: web accepts only namespaces labelled team=devops, on TCP 80.
    expect(doc.allowed[api][web]).toBe(false);
    expect(doc.allowed[web][api]).toBe(true);
    // Replicas of web cannot reach each other either: the diagonal of a workload is decided.
    expect(doc.allowed[web][web]).toBe(false);
  });

  it('--encoding groups gives the same answers over groups of identical pods', async () => {
    for (const scope of [['-A'], ['-n', 'production']]) {
      for (const by of ['pod', 'workload']) {
        const args = ['--port', '80', '--by', by, ...scope, '-o', 'json'];
        const pods = await reach(matrix(...args));
        const groups = await reach(matrix(...args, '--encoding', 'groups'));
        expect(groups.code).toBe(0);
        const doc = JSON.parse(groups.stdout);
        expect(doc).toMatchObject({ kind: 'ReachabilityMatrix', encoding: 'groups', port: 80 });
        const a = readReachabilityMatrix(JSON.parse(pods.stdout));
        const b = readReachabilityMatrix(doc);
        expect([...b.pods].sort()).toEqual([...a.pods].sort());
        const at = new Map(b.pods.map((name, i) => [name, i]));
        for (const [i, from] of a.pods.entries()) {
          for (const [j, to] of a.pods.entries()) {
            expect(b.allowed(at.get(from) ?? -1, at.get(to) ?? -1)).toBe(a.allowed(i, j));
          }
        }
      }
    }
    const ndjson = await reach(matrix('--port', '80', '-o', 'ndjson', '--encoding', 'groups'));
    expect(JSON.parse(ndjson.stdout.split('\n')[0] ?? '')).toHaveProperty('to');
  });

  it('--encoding groups without --port gives the same connections over groups', async () => {
    for (const scope of [['-A'], ['-n', 'production']]) {
      for (const by of ['pod', 'workload']) {
        const args = ['--by', by, ...scope, '-o', 'json'];
        const pods = await reach(matrix(...args));
        const groups = await reach(matrix(...args, '--encoding', 'groups'));
        expect(groups.code).toBe(0);
        const doc = JSON.parse(groups.stdout);
        expect(doc).toMatchObject({ kind: 'ConnectivityList', encoding: 'groups' });
        const key = (c: Connection) => `${c.from} ${c.to} ${JSON.stringify(c.allowed)}`;
        const expected = readConnectivityList(JSON.parse(pods.stdout)).map(key).sort();
        expect(readConnectivityList(doc).map(key).sort()).toEqual(expected);
      }
    }
  });

  it('--encoding groups needs a JSON, YAML or NDJSON output', async () => {
    expect((await reach(matrix('--encoding', 'groups'))).code).toBe(2);
    expect((await reach(matrix('--port', '80', '--encoding', 'groups'))).code).toBe(2);
  });

  it('draws e2e-style glyphs in the table', async () => {
    const result = await reach(matrix('--port', '80', '--by', 'workload', '-o', 'wide'));
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TCP\/80 +dev\/debug +dev\/deployment\/web/);
    const debugRow = lines.find((l) => l.startsWith('dev/debug '));
    // A bare pod reaches itself (#); everything else from dev is denied (X).
    expect(debugRow?.split(/ +/).slice(1)).toEqual(['#', ...Array(lines.length - 2).fill('X')]);
  });

  it('writes csv, markdown and dot', async () => {
    const csv = await reach(matrix('--port', '80', '-n', 'production', '-o', 'csv'));
    expect(csv.stdout.split('\n')[0]).toBe('from,to,allowed');
    expect(csv.stdout).toContain('production/deployment/web,production/deployment/api,true');
    const md = await reach(matrix('--port', '80', '-n', 'production', '-o', 'md'));
    expect(md.stdout.split('\n')[1]).toMatch(/^\|---\|/);
    const dot = await reach(matrix('--port', '80', '-n', 'production', '-o', 'dot'));
    expect(dot.stdout).toContain('"production/deployment/web" -> "production/deployment/api";');
    expect(dot.stdout).not.toContain('"production/deployment/api" -> "production/deployment/web";');
  });
});

describe('reach matrix without --port: connection sets', () => {
  it('prints the ConnectivityList contract with external ranges', async () => {
    const result = await reach(matrix('-n', 'production', '-o', 'json'));
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(Object.keys(doc)).toEqual(['apiVersion', 'kind', 'connections']);
    expect(doc.kind).toBe('ConnectivityList');
    expect(doc.connections).toContainEqual({
      from: 'production/deployment/web',
      to: 'production/deployment/api',
      allowed: 'all',
    });
    // Nothing outside reaches web; web itself never appears as its own peer.
    expect(doc.connections.some((c: { to: string }) => c.to === 'production/deployment/web')).toBe(
      false,
    );
  });

  it('lists port sets per pair in the table', async () => {
    const result = await reach(matrix('-o', 'table'));
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^FROM +TO +CONNECTIONS$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^ops\/ci-runner +production\/deployment\/web +TCP 80$/),
    );
  });

  it('prints YAML with the same content', async () => {
    const json = JSON.parse((await reach(matrix('-o', 'json'))).stdout);
    const yaml = load((await reach(matrix('-o', 'yaml'))).stdout);
    expect(yaml).toEqual(json);
  });

  it('rejects -n together with -A', async () => {
    const result = await reach(matrix('-n', 'dev', '-A'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('-n and -A cannot be used together');
  });
});

describe('reach query --explain', () => {
  it('names the rule that allowed it and the assumptions', async () => {
    const result = await reach([
      'query',
      '-f',
      'seed',
      'ops/ci-runner',
      'production/deployment/web',
      '--port',
      '80',
      '--explain',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'allowed: egress from ops/ci-runner is not isolated; ingress to production/deployment/web allowed by production/restrict-access rule 0 (from peer 0, port 80/TCP)',
    );
    expect(result.stdout).toContain('assuming: ipBlockMatchesPods=true');
  });

  it('names the isolating policy when denied, and honours --no-ipblock-pods', async () => {
    const result = await reach([
      'query',
      '-f',
      'seed',
      'staging/deployment/web',
      'production/deployment/web',
      '--port',
      '80',
      '--explain',
      '--no-ipblock-pods',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'denied: ingress to production/deployment/web is isolated by production/restrict-access; no rule allows staging/deployment/web on 80/TCP',
    );
    expect(result.stdout).toContain('assuming: ipBlockMatchesPods=false');
  });

  it('adds the explanations to the JSON document', async () => {
    const result = await reach([
      'query',
      '-f',
      'seed',
      'dev/debug',
      'dev/deployment/web',
      '--port',
      '80',
      '--explain',
      '-o',
      'json',
    ]);
    const doc = JSON.parse(result.stdout);
    expect(doc.allowed).toBe(false);
    expect(doc.explanations[0].egress).toMatchObject({
      isolated: true,
      allowed: false,
      isolatedBy: [{ namespace: 'dev', name: 'deny-all' }],
    });
  });
});
