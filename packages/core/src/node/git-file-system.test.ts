import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitRunner, gitFileSystem } from './git-file-system.js';
import { walkManifests } from './manifest-walker.js';

let repo: string;
const QUOTED = ['politiques-réseau.yaml', 'q"uote.yaml', 'back\\slash.yml', 'tab\there.yaml'];

function gitIn(cwd: string): GitRunner {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile('git', [...args], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
        if (error) reject(new Error(stderr.trim() || error.message));
        else resolve(stdout);
      });
    });
}

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'kube-reach-git-'));
  await mkdir(join(repo, 'k8s', 'sub'), { recursive: true });
  for (const [i, name] of QUOTED.entries()) {
    await writeFile(join(repo, 'k8s', name), `a: ${i}\n`);
  }
  await writeFile(join(repo, 'k8s', 'notes.txt'), 'x');
  await writeFile(join(repo, 'k8s', 'sub', 'd.yaml'), 'd: 1\n');
  await writeFile(join(repo, 'k8s', 'big.yaml'), `b: ${'x'.repeat(5000)}\n`);
  await writeFile(join(repo, 'top.yaml'), 't: 1\n');
  await symlink('d.yaml', join(repo, 'k8s', 'sub', 'link.yaml'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-qm', 'seed');
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('gitFileSystem', () => {
  it('reads names git would quote (non-ASCII, ", \\, tab) through ls-tree -z', async () => {
    const fs = gitFileSystem(gitIn(repo), 'HEAD');
    const { sources, issues } = await walkManifests(fs, ['k8s'], { nameOf: fs.nameOf });
    expect(issues).toEqual([]);
    expect(sources.map((s) => s.name)).toEqual(
      [
        'back\\slash.yml',
        'big.yaml',
        'politiques-réseau.yaml',
        'q"uote.yaml',
        'tab\there.yaml',
      ].map((n) => `HEAD:k8s/${n}`),
    );
    expect(sources.find((s) => s.name.includes('réseau'))?.text).toBe('a: 0\n');
  });

  it('reads . (the working directory) and a subdirectory as the working directory', async () => {
    const fs = gitFileSystem(gitIn(repo), 'HEAD');
    const root = await walkManifests(fs, ['.'], { nameOf: fs.nameOf, recursive: true });
    expect(root.issues).toMatchObject([
      {
        severity: 'warning',
        file: 'HEAD:k8s/sub/link.yaml',
        message: 'not a regular file (a symbolic link, not followed at HEAD); skipped',
      },
    ]);
    expect(root.sources.map((s) => s.name)).toContain('HEAD:k8s/sub/d.yaml');
    expect(root.sources.map((s) => s.name)).toContain('HEAD:top.yaml');
    const inside = gitFileSystem(gitIn(join(repo, 'k8s')), 'HEAD');
    const sub = await walkManifests(inside, ['.', './sub'], { nameOf: inside.nameOf });
    expect(sub.issues.map((i) => i.file)).toEqual(['HEAD:sub/link.yaml']);
    expect(sub.sources.map((s) => s.name)).toContain('HEAD:politiques-réseau.yaml');
    expect(sub.sources.map((s) => s.name)).toContain('HEAD:sub/d.yaml');
  });

  it('refuses a blob over the byte limit without reading it', async () => {
    const calls: string[][] = [];
    const run = gitIn(repo);
    const fs = gitFileSystem((args) => {
      calls.push([...args]);
      return run(args);
    }, 'HEAD');
    for (const path of ['k8s', 'k8s/big.yaml']) {
      const { issues } = await walkManifests(fs, [path], { nameOf: fs.nameOf, maxBytes: 1000 });
      expect(issues).toMatchObject([{ code: 'input-too-large', file: 'HEAD:k8s/big.yaml' }]);
    }
    expect(calls.filter((c) => c[0] === 'show' && c[1]?.includes('big'))).toEqual([]);
  });

  it('names what it cannot read', async () => {
    const fs = gitFileSystem(gitIn(repo), 'HEAD');
    const { issues } = await walkManifests(fs, ['nope', '/abs'], { nameOf: fs.nameOf });
    expect(issues.map((i) => [i.file, i.message])).toEqual([
      ['HEAD:nope', "cannot read: path 'nope' does not exist in 'HEAD'"],
      ['HEAD:abs', 'cannot read: give paths relative to the working directory with --git-base'],
    ]);
  });
});
