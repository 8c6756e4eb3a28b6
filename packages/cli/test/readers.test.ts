// The readers behind -f, reach test and --git-base: the cases issue 16 found wrong.
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { createNodeIo } from '../src/node-io.js';
import { reach, SEED_FILES, SEED_YAML } from './support/fixtures.js';
import { memoryIo } from './support/memory-io.js';

const SPEC_A = '- {from: ops/ci-runner, to: production/deploy/web, port: 80, expect: allow}\n';
const SPEC_B = '- {from: staging/deploy/web, to: production/deploy/web, port: 80, expect: deny}\n';

function nodeIo(stdin: AsyncIterable<unknown> = (async function* () {})()) {
  let out = '';
  let err = '';
  const io = createNodeIo({
    stdin,
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: {},
  });
  return { io, out: () => out, err: () => err };
}

describe('reach test finds its files', () => {
  it('reads every *.yaml and *.yml of a directory, and several files', async () => {
    const files = {
      ...SEED_FILES,
      'tests/a.yaml': SPEC_A,
      'tests/b.yml': SPEC_B,
      'tests/README.md': 'not read',
      'more.yaml': SPEC_A,
    };
    const dir = await reach(['test', 'tests', '-f', 'seed'], files);
    expect(dir.stderr).toBe('');
    expect(dir.code).toBe(0);
    expect(dir.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed');
    const several = await reach(
      ['test', 'tests/a.yaml', 'tests/b.yml', 'more.yaml', '-f', 'seed'],
      files,
    );
    expect(several.stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 0 failed');
  });

  it('says so when a directory has no expectation files', async () => {
    const result = await reach(['test', 'tests', '-f', 'seed'], {
      ...SEED_FILES,
      'tests/x.txt': 'x',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('tests: no .yaml or .yml files in this directory');
  });
});

describe('-f reads each path once', () => {
  it('gives no warning for -f DIR -f DIR', async () => {
    for (const argv of [
      ['validate', '-f', 'seed', '-f', 'seed'],
      ['validate', '-f', 'seed', '-f', 'seed/'],
      ['validate', '-f', 'seed/all.yaml', '-f', 'seed'],
    ]) {
      const result = await reach(argv, { 'seed/all.yaml': SEED_YAML });
      expect(result.stderr, argv.join(' ')).not.toContain('warning');
      expect(result.code).toBe(0);
    }
  });
});

describe('byte caps on every source', () => {
  it('ends -f /dev/zero with a clear error', async () => {
    const { io, out, err } = nodeIo();
    const code = await main(['validate', '-f', '/dev/zero'], io);
    expect(code).toBe(2);
    expect(out() + err()).toContain('/dev/zero: larger than the limit of 67108864 bytes');
  }, 30_000);

  it('ends an endless standard input with a clear error', async () => {
    let pulled = 0;
    async function* zeros(): AsyncGenerator<Uint8Array> {
      for (;;) {
        pulled += 1;
        yield new Uint8Array(1 << 16);
      }
    }
    const { io, out, err } = nodeIo(zeros());
    expect(await main(['validate', '-f', '-'], io)).toBe(2);
    expect(out() + err()).toContain('<stdin>: larger than the limit of 67108864 bytes');
    expect(pulled).toBe(1025);
  }, 30_000);
});

describe('reach diff --git-base reads the working directory', () => {
  // A git that answers like the real one: `REF:.` is not a path, `REF:./` is.
  function realisticGit(files: Record<string, string>) {
    return async (args: readonly string[]): Promise<string> => {
      const [command, ...rest] = args;
      const object = command === 'ls-tree' ? '' : (rest.at(-1) ?? '');
      const path = object.slice(object.indexOf(':') + 1);
      if (command === 'cat-file' || command === 'show') {
        if (path === '.' || !path.startsWith('./')) {
          throw new Error(`fatal: path '${path}' exists on disk, but not in 'main'`);
        }
        const p = path.slice(2).replace(/\/$/, '');
        if (command === 'show') return files[p] ?? '';
        if (rest[0] === '-s') return `${(files[p] ?? '').length}\n`;
        return files[p] !== undefined ? 'blob\n' : 'tree\n';
      }
      if (command === 'ls-tree') {
        const dir = (rest.at(-1) ?? '').replace(/^\.\/?/, '');
        return Object.entries(files)
          .filter(([f]) => f.startsWith(dir) && !f.slice(dir.length).includes('/'))
          .map(([f, text]) => `100644 blob 0 ${text.length}\t${f}\0`)
          .join('');
      }
      throw new Error(`unexpected git ${args.join(' ')}`);
    };
  }

  it.each([[[]], [['.']], [['./']]])('with paths %j', async (paths) => {
    const files = { 'all.yaml': SEED_YAML };
    const io = memoryIo(files, { git: realisticGit(files) });
    const code = await main(['diff', '--git-base', 'main', ...paths], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
  });
});
