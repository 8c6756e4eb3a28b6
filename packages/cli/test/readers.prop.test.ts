// The readers agree whatever the tree: the in-memory Io (what the CLI tests use), node:fs and a
// git revision read the same sources with the same issues, since all three are adapters of the
// one walker in @kube-reach/core/node.
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Issue, ManifestSource } from '@kube-reach/core';
import { gitFileSystem, walkManifests } from '@kube-reach/core/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNodeIo } from '../src/node-io.js';
import { readManifests } from '../src/read-manifests.js';
import { memoryIo } from './support/memory-io.js';

// Names git would quote, and names that sort differently by code unit and by locale.
const segment = fc.constantFrom('a', 'B', 'réseau', 'q"x', 'b\\s', 'sp ace', 'z-1');
const extension = fc.constantFrom('.yaml', '.yml', '.json', '.txt', '.YAML');
const arbTree = fc.dictionary(
  fc
    .tuple(fc.array(segment, { maxLength: 2 }), segment, extension)
    .map(([dirs, name, ext]) => [...dirs, `${name}${ext}`].join('/')),
  fc.string({ minLength: 1, maxLength: 8 }).map((s) => `${s.replace(/\0/g, '')}\n`),
  { minKeys: 1, maxKeys: 8 },
);

/** The tree, the paths to give -f (files, directories, `.`, repeats) and -R. */
const arbCase = arbTree.chain((tree) => {
  const files = Object.keys(tree);
  const dirs = [
    ...new Set(
      files.flatMap((f) =>
        f
          .split('/')
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
      ),
    ),
  ];
  return fc.record({
    tree: fc.constant(tree),
    paths: fc.array(fc.constantFrom('.', ...files, ...dirs, 'missing.yaml'), {
      minLength: 1,
      maxLength: 4,
    }),
    recursive: fc.boolean(),
  });
});

async function writeTree(root: string, tree: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(tree)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

function text(source: ManifestSource): [string, string] {
  return [
    source.name,
    typeof source.text === 'string' ? source.text : new TextDecoder().decode(source.text),
  ];
}

function shape(issue: Issue, strip: (file: string) => string): [string, string, string, string] {
  return [issue.code, issue.severity, issue.message, strip(issue.file ?? '')];
}

const nodeIo = () =>
  createNodeIo({
    stdin: (async function* () {})(),
    stdout: { write: () => true },
    stderr: { write: () => true },
    env: {},
  });

describe('readers agree (property)', () => {
  it('the in-memory Io reads what node:fs reads from the same tree', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, async ({ tree, paths, recursive }) => {
        const root = await mkdtemp(join(tmpdir(), 'kube-reach-prop-'));
        try {
          await writeTree(root, tree);
          const memory = await readManifests(memoryIo(tree), paths, recursive);
          const real = await readManifests(
            nodeIo(),
            paths.map((p) => join(root, p)),
            recursive,
          );
          const strip = (file: string) =>
            file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file === root ? '.' : file;
          expect(real.sources.map(text).map(([n, t]) => [strip(n), t])).toEqual(
            memory.sources.map(text),
          );
          expect(real.issues.map((i) => shape(i, strip))).toEqual(
            memory.issues.map((i) => shape(i, (f) => f)),
          );
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('a git revision reads what the working tree it was committed from reads', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, async ({ tree, paths, recursive }) => {
        const root = await mkdtemp(join(tmpdir(), 'kube-reach-prop-git-'));
        try {
          await writeTree(root, tree);
          const git = (...args: string[]) => execFileSync('git', args, { cwd: root });
          git('init', '-q');
          git('add', '-A');
          git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-qm', 'tree');
          const fs = gitFileSystem(
            (args) =>
              new Promise((resolve, reject) =>
                execFile('git', [...args], { cwd: root, encoding: 'utf8' }, (error, out, err) =>
                  error ? reject(new Error(err.trim() || error.message)) : resolve(out),
                ),
              ),
            'HEAD',
          );
          const given = paths.filter((p) => p !== 'missing.yaml');
          const atHead = await walkManifests(fs, given, {
            recursive,
            nameOf: fs.nameOf,
            where: ' at HEAD',
          });
          const memory = await readManifests(memoryIo(tree), given, recursive);
          expect(atHead.sources.map(text)).toEqual(
            memory.sources.map(text).map(([n, t]) => [`HEAD:${n.replace(/^\.\//, '')}`, t]),
          );
          expect(atHead.issues.map((i) => shape(i, (f) => f))).toEqual(
            memory.issues.map((i) => [
              i.code,
              i.severity,
              i.message.replace(' in this directory', ' in this directory at HEAD'),
              `HEAD:${i.file}`,
            ]),
          );
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
