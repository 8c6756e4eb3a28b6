// What the CLI says when something is wrong, and what its help promises: one prefix for every
// problem line, help and README that list every command, flags given twice, empty expectation
// lists, and the policies it does not evaluate in the JSON documents.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/index.js';
import { reach, SEED_FILES } from './support/fixtures.js';

const CILIUM = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: deny-web, namespace: production}
spec: {endpointSelector: {}}
`;
const BROKEN = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: production}
spec: {podSelector: {matchLabels: 7}}
`;
const SPEC = `- {from: ops/ci-runner, to: production/deployment/web, port: 80, expect: allow}
`;

/**
 * The lines of stderr that are not a problem (prefixed), a note, commander's pointer to
 * `--help`, or a continuation: indented, or the title of an indented list (`did you mean one of
 * these?`) right under a prefixed line.
 */
function unprefixed(stderr: string): string[] {
  const lines = stderr.split('\n').filter((line) => line !== '');
  return lines.filter((line, i) => {
    if (/^(error|warning|note): /.test(line) || line.startsWith('  ')) return false;
    if (line.startsWith("See '")) return false;
    const title =
      /^(error|warning): /.test(lines[i - 1] ?? '') && (lines[i + 1] ?? '').startsWith('  ');
    return !title;
  });
}

describe('one error prefix: every problem line starts with error: or warning:', () => {
  it.each([
    [['query', '-f', 'nope.yaml', 'a', 'b']],
    [['query', '-f', 'broken.yaml', '-f', 'seed', 'ops/ci-runner', 'production/web']],
    [['query', '-f', 'seed', 'ops/ci-runner', 'production/deployment/wbe']],
    [['lint', '-f', 'broken.yaml', '-f', 'seed']],
    [['diff', 'broken.yaml', 'seed']],
    [['matrix', '-f', 'cilium.yaml', '-f', 'seed', '--fail-on-unevaluated']],
    [['test', 'empty.yaml', '-f', 'seed']],
    [['who-can-reach', '-f', 'seed', 'production/nothing']],
    [['query', '-f', 'seed', 'a', 'b', '--port', '80', '--port', '81']],
    [['diff', 'seed']],
    [['query', 'a', 'b']],
  ])('%j', async (argv) => {
    const files = {
      ...SEED_FILES,
      'broken.yaml': BROKEN,
      'cilium.yaml': CILIUM,
      'empty.yaml': '[]\n',
    };
    const result = await reach(argv, files);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: /m);
    expect(unprefixed(result.stderr)).toEqual([]);
  });

  it('prefixes the errors of the manifests, as their warnings were', async () => {
    const result = await reach(['lint', '-f', 'broken.yaml', '-f', 'seed'], {
      ...SEED_FILES,
      'broken.yaml': BROKEN,
    });
    expect(result.stderr).toMatch(
      /^error: broken\.yaml: doc 1 NetworkPolicy production\/broken: /m,
    );
  });
});

describe('help and README list every command', () => {
  const names = COMMANDS.map((c) => c.name);

  it('has every command in the exit-code section of reach --help', async () => {
    const { stdout } = await reach(['--help']);
    const section = stdout.slice(stdout.indexOf('Exit codes:'), stdout.indexOf("Run '"));
    for (const name of names) expect(section, name).toMatch(new RegExp(`\\b${name}\\b`));
    expect(section).toMatch(/^ {2}70 /m);
    expect(section).toMatch(/^ {2}74 /m);
  });

  it('has every command in the CLI README command table and its exit codes', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const table = readme.slice(
      readme.indexOf('## Commands'),
      readme.indexOf('Every command exits'),
    );
    for (const name of names) expect(table, name).toContain(`| \`reach ${name}`);
    const exits = readme.slice(readme.indexOf('## Exit codes'), readme.indexOf('## Layout'));
    for (const name of names) expect(exits, name).toContain(name);
  });
});

describe('usage and input edges', () => {
  it.each([
    [['query', '-f', 'seed', 'a', 'b', '--port', '80', '--port', '81']],
    [['who-can-reach', '-f', 'seed', 'a', '--port', '80', '--port', '80']],
    [['matrix', '-f', 'seed', '--port', '80', '--port', '81']],
  ])('--port given twice is a usage error: %j', async (argv) => {
    const result = await reach(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("error: option '--port <port>' argument '");
    expect(result.stderr).toContain('Given twice; give it once');
  });

  it.each([['[]\n'], ['[]\n---\n[]\n'], [''], ['# nothing\n']])(
    'an expectations file %j is an error, like an empty one',
    async (text) => {
      const result = await reach(['test', 'spec.yaml', '-f', 'seed'], {
        ...SEED_FILES,
        'spec.yaml': text,
      });
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: 'error: spec.yaml: no expectations (expected a list of {from, to, port, expect})\n',
      });
    },
  );
});

describe('-o json names the policies that are not evaluated', () => {
  const files = { ...SEED_FILES, 'seed/cilium.yaml': CILIUM, 'spec.yaml': SPEC };
  const EXPECTED = [
    {
      kind: 'CiliumNetworkPolicy',
      apiVersion: 'cilium.io/v2',
      namespace: 'production',
      name: 'deny-web',
      source: { file: 'seed/cilium.yaml', doc: 0 },
      reason: expect.stringContaining('not evaluated'),
    },
  ];

  it.each([
    [['query', '-f', 'seed', 'ops/ci-runner', 'production/deployment/web', '--port', '80']],
    [['who-can-reach', '-f', 'seed', 'production/deployment/web']],
    [['reachable-from', '-f', 'seed', 'ops/ci-runner']],
    [['matrix', '-f', 'seed', '--port', '80']],
    [['matrix', '-f', 'seed']],
    [['validate', '-f', 'seed']],
    [['lint', '-f', 'seed']],
    [['test', 'spec.yaml', '-f', 'seed']],
    [['diff', 'seed', 'seed']],
  ])('%j', async (argv) => {
    const result = await reach([...argv, '-o', 'json'], files);
    const doc = JSON.parse(result.stdout);
    const unevaluated = argv[0] === 'diff' ? [...EXPECTED, ...EXPECTED] : EXPECTED;
    expect(doc.unevaluated).toEqual(unevaluated);
    // The field comes last, after every field of the documented contract.
    expect(Object.keys(doc).at(-1)).toBe('unevaluated');
    const plain = JSON.parse(
      (await reach([...argv, '-o', 'json'], { ...SEED_FILES, 'spec.yaml': SPEC })).stdout,
    );
    expect(plain).not.toHaveProperty('unevaluated');
    expect(Object.keys(doc).slice(0, -1)).toEqual(Object.keys(plain));
  });
});
