import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClusterFromPaths } from './load-cluster-from-paths.js';
import { walkManifests } from './manifest-walker.js';
import { nodeFileSystem, readStream } from './node-file-system.js';
import { readManifestSources } from './read-manifest-sources.js';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\n`;
let root: string;

beforeAll(async () => {
  // root/ a.yaml  fifo.yaml (FIFO)  zero.yaml -> /dev/zero  loop.yaml -> loop.yaml
  //       dangling.yaml -> nowhere  z.yaml
  root = await mkdtemp(join(tmpdir(), 'kube-reach-special-'));
  await writeFile(join(root, 'a.yaml'), pod('a'));
  await writeFile(join(root, 'z.yaml'), pod('z'));
  execFileSync('mkfifo', [join(root, 'fifo.yaml')]);
  await symlink('/dev/zero', join(root, 'zero.yaml'));
  await symlink('loop.yaml', join(root, 'loop.yaml'));
  await symlink(join(root, 'nowhere'), join(root, 'dangling.yaml'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('reading what is not a regular file', () => {
  it('refuses a FIFO and a link to /dev/zero inside a directory, naming them, and reads the rest', async () => {
    const result = await loadClusterFromPaths([root]);
    expect(
      result.issues.map((i) => [i.severity, i.file?.slice(root.length + 1), i.message]),
    ).toEqual([
      ['error', 'dangling.yaml', 'cannot read: no such file or directory'],
      ['warning', 'fifo.yaml', 'not a regular file (a pipe or a device?); skipped'],
      ['error', 'loop.yaml', 'cannot read: too many symbolic links'],
      ['warning', 'zero.yaml', 'not a regular file (a pipe or a device?); skipped'],
    ]);
    const { sources } = await readManifestSources([root]);
    expect(sources.map((s) => s.name.slice(root.length + 1))).toEqual(['a.yaml', 'z.yaml']);
  }, 10_000);

  it('stops reading /dev/zero given by name at the byte limit, with a clear error', async () => {
    const { sources, issues } = await readManifestSources(['/dev/zero'], { maxBytes: 1 << 20 });
    expect(sources).toEqual([]);
    expect(issues).toMatchObject([
      {
        code: 'input-too-large',
        file: '/dev/zero',
        message: 'larger than the limit of 1048576 bytes (ParseOptions.maxBytes)',
      },
    ]);
  }, 10_000);

  it('stops reading an endless standard input at the byte limit', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        pulled += 1;
        yield new Uint8Array(4096);
      }
    }
    const fs = nodeFileSystem(endless);
    const { sources, issues } = await walkManifests(fs, ['-'], { maxBytes: 10_000 });
    expect(sources).toEqual([]);
    expect(issues).toMatchObject([{ code: 'input-too-large', file: '<stdin>' }]);
    expect(pulled).toBe(3);
    expect(
      await readStream(
        (async function* () {
          yield 'ab';
          yield new Uint8Array([99]);
        })(),
        3,
      ),
    ).toEqual(new Uint8Array([97, 98, 99]));
  });

  it('reads a directory given twice once, with no warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kube-reach-twice-'));
    try {
      await mkdir(join(dir, 'd'));
      await writeFile(join(dir, 'd', 'a.yaml'), pod('a'));
      const d = join(dir, 'd');
      for (const paths of [
        [d, d],
        [d, `${d}/`],
        [join(d, 'a.yaml'), d],
      ]) {
        const { sources, issues } = await readManifestSources(paths);
        expect(issues).toEqual([]);
        expect(sources).toHaveLength(1);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
