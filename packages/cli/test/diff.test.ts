import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { reach, SEED_YAML } from './support/fixtures.js';
import { memoryIo } from './support/memory-io.js';

/** The seed after a change: dev may now resolve names, and ops loses port 80 to web. */
const CHANGED = SEED_YAML.replace(
  'namespaceSelector: {matchLabels: {team: devops}}\n      ports:\n        - {protocol: TCP, port: 80}',
  'namespaceSelector: {matchLabels: {team: devops}}\n      ports:\n        - {protocol: TCP, port: 443}',
).concat(`
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-dns, namespace: dev}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
          podSelector: {matchLabels: {k8s-app: kube-dns}}
      ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
`);

const FILES = { 'base/all.yaml': SEED_YAML, 'head/all.yaml': CHANGED };

/**
 * A git that knows one revision, `main`, holding `files` (paths from the repository root,
 * which is also the working directory here). Answers what `reach diff --git-base` asks.
 */
function fakeGit(files: Record<string, string>) {
  const calls: string[][] = [];
  const git = async (args: readonly string[]): Promise<string> => {
    calls.push([...args]);
    const strip = (p: string) => p.replace(/^\.\/?/, '').replace(/\/$/, '');
    const [command, ...rest] = args;
    if (command === 'cat-file') {
      const [ref, path = ''] = (rest[1] ?? '').split(':');
      if (ref !== 'main') throw new Error(`fatal: Not a valid object name ${ref}`);
      const p = strip(path);
      if (files[p] !== undefined) return 'blob\n';
      if (p === '' || Object.keys(files).some((f) => f.startsWith(`${p}/`))) return 'tree\n';
      throw new Error(`fatal: path '${p}' does not exist in 'main'`);
    }
    if (command === 'ls-tree') {
      // `ls-tree -z -l REF -- DIR/`: the entries right under DIR, NUL-terminated.
      expect(rest.slice(0, 2)).toEqual(['-z', '-l']);
      const p = strip(rest.at(-1) ?? '');
      const prefix = p === '' ? '' : `${p}/`;
      const entries = new Map<string, string>();
      for (const [f, text] of Object.entries(files)) {
        if (!f.startsWith(prefix)) continue;
        const [name = '', ...deeper] = f.slice(prefix.length).split('/');
        entries.set(
          name,
          deeper.length > 0
            ? `040000 tree 0000 -\t${prefix}${name}`
            : `100644 blob 0000 ${text.length}\t${prefix}${name}`,
        );
      }
      return [...entries.values()].map((e) => `${e}\0`).join('');
    }
    if (command === 'show') {
      const text = files[strip((rest[0] ?? '').split(':')[1] ?? '')];
      if (text === undefined) throw new Error('fatal: no such path');
      return text;
    }
    throw new Error(`unexpected git ${args.join(' ')}`);
  };
  return { git, calls };
}

describe('reach diff', () => {
  it('shows added, removed and changed connections and exits 1', async () => {
    const result = await reach(['diff', 'base', 'head'], FILES);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CHANGE +FROM +TO +BEFORE +AFTER$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^added +dev\/debug +kube-system\/deployment\/coredns +none +TCP 53; UDP 53$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^changed +ops\/ci-runner +production\/deployment\/web +TCP 80 +TCP 443$/,
      ),
    );
    expect(lines.at(-1)).toBe('2 connections added, 0 removed, 2 changed');
  });

  it('exits 0 for identical inputs', async () => {
    const result = await reach(['diff', 'base', 'base/all.yaml'], FILES);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('no change in connectivity\n');
  });

  it('writes Markdown for a pull-request comment, with the one-line summary first', async () => {
    const result = await reach(['diff', 'base', 'head', '-o', 'md'], FILES);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      '**reach diff** (by workload): 2 connections added, 0 removed, 2 changed',
    );
    expect(lines[2]).toBe('|  | From | To | Before | After |');
    expect(result.stdout).toContain(
      '| ~ | ops/ci-runner | production/deployment/web | TCP 80 | TCP 443 |',
    );
  });

  it('prints one change per line with -o ndjson, as the JSON lists hold them', async () => {
    const doc = JSON.parse((await reach(['diff', 'base', 'head', '-o', 'json'], FILES)).stdout);
    const ndjson = await reach(['diff', 'base', 'head', '-o', 'ndjson'], FILES);
    expect(ndjson.code).toBe(1);
    const lines = ndjson.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const listed = ['added', 'removed', 'changed', 'isolation'].flatMap((change) =>
      doc[change].map((item: object) => ({ change, ...item })),
    );
    expect(lines).toEqual(listed);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('prints the ConnectivityDiff contract in JSON and YAML', async () => {
    const json = await reach(['diff', 'base', 'head', '-o', 'json'], FILES);
    const doc = JSON.parse(json.stdout);
    expect(Object.keys(doc)).toEqual([
      'apiVersion',
      'kind',
      'by',
      'summary',
      'added',
      'removed',
      'changed',
      'isolation',
      'peers',
    ]);
    expect(doc).toMatchObject({ kind: 'ConnectivityDiff', by: 'workload' });
    expect(doc.changed).toContainEqual({
      from: 'ops/ci-runner',
      to: 'production/deployment/web',
      before: { TCP: [[80, 80]] },
      after: { TCP: [[443, 443]] },
      gained: { TCP: [[443, 443]] },
      lost: { TCP: [[80, 80]] },
    });
    const yaml = await reach(['diff', 'base', 'head', '-o', 'yaml'], FILES);
    expect(load(yaml.stdout)).toEqual(doc);
  });

  it('writes csv, and dot with changed edges coloured', async () => {
    const csv = await reach(['diff', 'base', 'head', '-o', 'csv'], FILES);
    expect(csv.stdout.split('\n')[0]).toBe('change,from,to,before,after');
    expect(csv.stdout).toContain('changed,ops/ci-runner,production/deployment/web,TCP 80,TCP 443');
    const dot = await reach(['diff', 'base', 'head', '-o', 'dot'], FILES);
    expect(dot.stdout).toContain(
      '"ops/ci-runner" -> "production/deployment/web" [color=orange, label="TCP 80 → TCP 443"];',
    );
    expect(dot.stdout).toMatch(/"dev\/debug" -> "kube-system\/deployment\/coredns" \[color=green/);
  });

  it('compares pods one by one with --by pod, and reads one side from stdin', async () => {
    const result = await reach(['diff', 'base', '-', '--by', 'pod'], FILES, { stdin: CHANGED });
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      '2 connections added, 0 removed, 2 changed',
    );
  });

  it('reports isolation changes', async () => {
    const open = SEED_YAML.replace('policyTypes: [Ingress, Egress]', 'policyTypes: [Ingress]');
    const result = await reach(['diff', 'base', 'open.yaml'], { ...FILES, 'open.yaml': open });
    expect(result.stdout).toMatch(/^dev\/debug +no longer isolated for egress$/m);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/; 2 workloads no longer isolated$/);
  });

  it('compares the working tree with a git revision', async () => {
    const { git, calls } = fakeGit({ 'k8s/all.yaml': SEED_YAML, 'k8s/notes.txt': 'x' });
    const io = memoryIo({ 'k8s/all.yaml': CHANGED }, { git });
    const code = await main(['diff', '--git-base', 'main', 'k8s'], io);
    expect(io.err).toBe('');
    expect(code).toBe(1);
    expect(io.out.trimEnd().split('\n').at(-1)).toBe('2 connections added, 0 removed, 2 changed');
    expect(calls).toContainEqual(['show', 'main:./k8s/all.yaml']);
    expect(calls.some((c) => c.includes('main:./k8s/notes.txt'))).toBe(false);
  });

  it('says which path or revision it cannot read, with exit code 2', async () => {
    const { git } = fakeGit({ 'k8s/all.yaml': SEED_YAML });
    const missing = memoryIo({ 'k8s/all.yaml': SEED_YAML }, { git });
    expect(await main(['diff', '--git-base', 'nope', 'k8s'], missing)).toBe(2);
    expect(missing.err).toContain('nope:k8s');
    const noGit = memoryIo({ 'k8s/all.yaml': SEED_YAML });
    expect(await main(['diff', '--git-base', 'main', 'k8s'], noGit)).toBe(2);
    expect(noGit.err).toContain('git is not available');
  });

  it('rejects a wrong number of paths and two stdins', async () => {
    const one = await reach(['diff', 'base'], FILES);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('reach diff takes BASE and HEAD');
    const stdins = await reach(['diff', '-', '-'], FILES);
    expect(stdins.code).toBe(2);
  });
});
