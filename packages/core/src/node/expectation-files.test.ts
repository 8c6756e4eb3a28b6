import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClusterFromPaths } from './index.js';
import { isExpectationsFile, walkManifests } from './manifest-walker.js';
import { nodeFileSystem } from './node-file-system.js';

const EXPECTATIONS =
  '# yaml-language-server: $schema=../../packages/cli/schema/expectations.schema.json\n' +
  '- {from: a, to: b, port: 80, expect: allow}\n';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kube-reach-expectations-'));
  await writeFile(join(root, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n');
  await mkdir(join(root, 'tests'));
  await writeFile(join(root, 'tests', 'expectations.yaml'), EXPECTATIONS);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('reach test expectation files beside manifests', () => {
  it('are recognised by the schema modeline they start with', () => {
    expect(isExpectationsFile(EXPECTATIONS)).toBe(true);
    expect(isExpectationsFile(new TextEncoder().encode(EXPECTATIONS))).toBe(true);
    expect(isExpectationsFile('apiVersion: v1\nkind: Pod\n')).toBe(false);
  });

  it('are skipped with a warning when -R walks into them', async () => {
    const result = await loadClusterFromPaths([root], { recursive: true });
    expect(result.ok).toBe(true);
    expect(result.issues.map((i) => [i.code, i.severity, i.file?.slice(root.length + 1)])).toEqual([
      ['unreadable-file', 'warning', 'tests/expectations.yaml'],
    ]);
  });

  it('are read (and fail as manifests) when named on purpose', async () => {
    const result = await loadClusterFromPaths([join(root, 'tests', 'expectations.yaml')]);
    expect(result.ok).toBe(false);
  });

  it('are read by a walk that does not ask to skip them (reach test reads its specs so)', async () => {
    const read = await walkManifests(nodeFileSystem(), [join(root, 'tests')]);
    expect(read.sources.map((s) => s.name.slice(root.length + 1))).toEqual([
      'tests/expectations.yaml',
    ]);
    expect(read.issues).toEqual([]);
  });
});
