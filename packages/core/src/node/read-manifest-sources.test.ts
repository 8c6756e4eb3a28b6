import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClusterFromPaths, readManifestSources } from './index.js';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\n`;

let root: string;

beforeAll(async () => {
  // root/
  //   b.yaml  a.yml  c.json  notes.txt  Z.YAML
  //   sub/d.yaml  sub/deeper/e.yaml
  //   empty/   only-sub/x/f.yaml
  root = await mkdtemp(join(tmpdir(), 'kube-reach-node-'));
  await writeFile(join(root, 'b.yaml'), pod('b'));
  await writeFile(join(root, 'a.yml'), pod('a'));
  await writeFile(
    join(root, 'c.json'),
    JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'c' } }),
  );
  await writeFile(join(root, 'notes.txt'), 'not yaml: [');
  await writeFile(join(root, 'Z.YAML'), pod('z'));
  await mkdir(join(root, 'sub', 'deeper'), { recursive: true });
  await writeFile(join(root, 'sub', 'd.yaml'), pod('d'));
  await writeFile(join(root, 'sub', 'deeper', 'e.yaml'), pod('e'));
  await mkdir(join(root, 'empty'));
  await mkdir(join(root, 'only-sub', 'x'), { recursive: true });
  await writeFile(join(root, 'only-sub', 'x', 'f.yaml'), pod('f'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const names = (sources: { name: string }[]) => sources.map((s) => s.name.slice(root.length + 1));

describe('readManifestSources', () => {
  it('reads the top-level .yaml, .yml and .json files of a directory, in name order', async () => {
    const { sources, issues } = await readManifestSources([root]);
    expect(names(sources)).toEqual(['a.yml', 'b.yaml', 'c.json']);
    expect(issues).toEqual([]);
  });

  it('descends into subdirectories only when recursive, depth first in name order', async () => {
    const { sources } = await readManifestSources([root], { recursive: true });
    expect(names(sources)).toEqual([
      'a.yml',
      'b.yaml',
      'c.json',
      'only-sub/x/f.yaml',
      'sub/d.yaml',
      'sub/deeper/e.yaml',
    ]);
  });

  it('reads a file given by path whatever its extension, as bytes', async () => {
    const { sources } = await readManifestSources([join(root, 'notes.txt')]);
    expect(names(sources)).toEqual(['notes.txt']);
    expect(sources[0]?.text).toBeInstanceOf(Uint8Array);
  });

  it('reports a missing path as an unreadable-file error and goes on', async () => {
    const missing = join(root, 'nope.yaml');
    const { sources, issues } = await readManifestSources([missing, join(root, 'b.yaml')]);
    expect(names(sources)).toEqual(['b.yaml']);
    expect(issues).toEqual([
      {
        code: 'unreadable-file',
        severity: 'error',
        message: 'cannot read: no such file or directory',
        file: missing,
        path: [],
      },
    ]);
  });

  it('warns about a directory with nothing to read, hinting at -R when it has subdirectories', async () => {
    const { issues } = await readManifestSources([join(root, 'empty'), join(root, 'only-sub')]);
    expect(issues.map((i) => [i.severity, i.code, i.message])).toEqual([
      ['warning', 'unreadable-file', 'no .yaml, .yml or .json files in this directory'],
      [
        'warning',
        'unreadable-file',
        'no .yaml, .yml or .json files in this directory (subdirectories are read only with -R)',
      ],
    ]);
  });

  it('reads - from standard input, once', async () => {
    let reads = 0;
    const stdin = async () => {
      reads += 1;
      return new TextEncoder().encode(pod('in'));
    };
    const { sources } = await readManifestSources(['-', '-'], { stdin });
    expect(sources.map((s) => s.name)).toEqual(['<stdin>']);
    expect(reads).toBe(1);
  });

  it('reports a file over maxBytes without reading it', async () => {
    const { sources, issues } = await readManifestSources([join(root, 'b.yaml')], { maxBytes: 10 });
    expect(sources).toEqual([]);
    expect(issues.map((i) => i.code)).toEqual(['input-too-large']);
  });

  it('reads a symbolic link to a file, and does not follow one to a directory', async () => {
    const links = await mkdtemp(join(tmpdir(), 'kube-reach-links-'));
    try {
      await symlink(join(root, 'b.yaml'), join(links, 'link.yaml'));
      await symlink(join(root, 'sub'), join(links, 'dir.yaml'));
      await symlink(root, join(links, 'loop'));
      const { sources, issues } = await readManifestSources([links], { recursive: true });
      expect(sources.map((s) => s.name)).toEqual([join(links, 'link.yaml')]);
      expect(issues).toEqual([]);
    } finally {
      await rm(links, { recursive: true, force: true });
    }
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file', async () => {
    const locked = join(root, 'locked.yaml');
    await writeFile(locked, pod('l'));
    await chmod(locked, 0o000);
    try {
      const { issues } = await readManifestSources([locked]);
      expect(issues.map((i) => [i.code, i.message])).toEqual([
        ['unreadable-file', 'cannot read: permission denied'],
      ]);
    } finally {
      await rm(locked, { force: true });
    }
  });
});

describe('loadClusterFromPaths', () => {
  it('parses every file read', async () => {
    const result = await loadClusterFromPaths([root], { recursive: true });
    expect(
      result.ok && result.cluster.pods.map((p) => [p.name, p.source?.file.slice(root.length + 1)]),
    ).toEqual([
      ['a', 'a.yml'],
      ['b', 'b.yaml'],
      ['c', 'c.json'],
      ['d', 'sub/d.yaml'],
      ['e', 'sub/deeper/e.yaml'],
      ['f', 'only-sub/x/f.yaml'],
    ]);
  });

  it('fails with reading and parsing issues together', async () => {
    const result = await loadClusterFromPaths([join(root, 'missing'), join(root, 'notes.txt')]);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(['unreadable-file', 'yaml-syntax']);
  });

  it('passes parse options on', async () => {
    const result = await loadClusterFromPaths([join(root, 'b.yaml')], { defaultNamespace: 'dev' });
    expect(result.ok && result.cluster.pods[0]?.namespace).toBe('dev');
  });
});
