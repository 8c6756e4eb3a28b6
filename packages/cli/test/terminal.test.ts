import { describe, expect, it } from 'vitest';
import { reach, SEED_FILES } from './support/fixtures.js';

const ESC = '\u001b[';

/** The text without colour codes. */
function plain(text: string): string {
  return text.replaceAll(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '');
}
const allowed = ['query', '-f', 'seed', 'ops/ci-runner', 'production/deploy/web', '--port', '80'];

describe('colour: table output on a terminal only', () => {
  it('colours yes/allowed green on a TTY', async () => {
    const result = await reach(allowed, undefined, { isTTY: true });
    expect(result.stdout).toBe(
      `${ESC}32myes${ESC}39m\nops/ci-runner -> production/deployment/web TCP/80: ${ESC}32mallowed${ESC}39m\n`,
    );
  });

  it('colours no/denied red', async () => {
    const result = await reach([
      'query',
      '-f',
      'seed',
      'dev/debug',
      'dev/deploy/web',
      '--port',
      '80',
      '--color',
      'always',
    ]);
    expect(result.stdout).toContain(`${ESC}31mno${ESC}39m`);
  });

  it.each([
    ['a pipe', [], { isTTY: false }],
    ['NO_COLOR', [], { isTTY: true, env: { NO_COLOR: '1' } }],
    ['--color never', ['--color', 'never'], { isTTY: true }],
    ['-o json', ['-o', 'json'], { isTTY: true }],
  ])('stays plain in %s', async (_, flags, options) => {
    const result = await reach([...allowed, ...flags], undefined, options);
    expect(result.stdout).not.toContain(ESC);
  });

  it('honours --color always over NO_COLOR and a pipe', async () => {
    const result = await reach([...allowed, '--color', 'always'], undefined, {
      env: { NO_COLOR: '1' },
    });
    expect(result.stdout).toContain(`${ESC}32m`);
  });

  it('colours PASS and FAIL in reach test, keeping columns aligned', async () => {
    const spec = `
- {name: a, from: ops/ci-runner, to: production/deploy/web, port: 80, expect: allow}
- {name: b, from: ops/ci-runner, to: production/deploy/web, port: 81, expect: allow}
`;
    const result = await reach(['test', 'spec.yaml', '-f', 'seed', '--color', 'always'], {
      'spec.yaml': spec,
      ...SEED_FILES,
    });
    const uncoloured = plain(result.stdout);
    expect(result.stdout).toContain(`${ESC}32mPASS${ESC}39m     a `);
    expect(result.stdout).toContain(`${ESC}31mFAIL${ESC}39m     b `);
    expect(uncoloured.split('\n')[1]?.indexOf('ops/ci-runner')).toBe(
      uncoloured.split('\n')[0]?.indexOf('FROM'),
    );
  });

  it('colours the matrix glyphs', async () => {
    const result = await reach(['matrix', '-f', 'seed', '--port', '80', '--color', 'always']);
    expect(result.stdout).toContain(`${ESC}32m.${ESC}39m`);
    expect(result.stdout).toContain(`${ESC}31mX${ESC}39m`);
    const uncoloured = await reach(['matrix', '-f', 'seed', '--port', '80']);
    expect(plain(result.stdout)).toBe(uncoloured.stdout);
  });
});

describe('progress: on a terminal only, never in pipes or with -q', () => {
  const commands = [
    allowed,
    ['who-can-reach', '-f', 'seed', 'production/deploy/web'],
    ['matrix', '-f', 'seed', '--port', '80'],
  ];

  it.each(commands)(
    '%s shows progress on stderr when it is a TTY, and clears it',
    async (...argv) => {
      const result = await reach(argv, undefined, { stderrIsTTY: true });
      expect(result.stderr).toContain('\r\u001b[2Kreach: reading manifests: ');
      expect(result.stderr).toContain('reach: compiling ');
      expect(result.stderr.endsWith('\r\u001b[2K')).toBe(true);
      expect(result.stdout).not.toContain('reach: ');
    },
  );

  it.each(commands)('%s stays silent in a pipe', async (...argv) => {
    const result = await reach(argv);
    expect(result.stderr).toBe('');
  });

  it('stays silent with -q on a TTY', async () => {
    const result = await reach([...allowed, '-q'], undefined, { stderrIsTTY: true });
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('reach completion', () => {
  const commands = [
    'query',
    'who-can-reach',
    'reachable-from',
    'test',
    'matrix',
    'validate',
    'version',
    'completion',
  ];

  it.each(['bash', 'zsh', 'fish'])('%s mentions every command and their flags', async (shell) => {
    const result = await reach(['completion', shell]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const command of commands) expect(result.stdout).toContain(command);
    for (const flag of ['filename', 'port', 'selector', 'cluster-cidr', 'no-headers']) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('junit');
  });

  it('writes a bash script that registers the function', async () => {
    const { stdout } = await reach(['completion', 'bash']);
    expect(stdout).toContain('complete -o default -F _reach reach');
    expect(stdout).toContain('query:-o|query:--output) COMPREPLY=( $(compgen -W "table json yaml"');
  });

  it('completes kubectl-reach when run as the plugin', async () => {
    const { stdout } = await reach(['completion', 'fish'], {}, { programName: 'kubectl reach' });
    expect(stdout).toContain('complete -c kubectl-reach');
  });
});

describe('--no-headers', () => {
  it('leaves the header row out of matrix and test tables', async () => {
    const withHeaders = await reach(['matrix', '-f', 'seed', '--port', '80']);
    const without = await reach(['matrix', '-f', 'seed', '--port', '80', '--no-headers']);
    expect(without.stdout).toBe(withHeaders.stdout.split('\n').slice(1).join('\n'));
    const spec =
      '- {name: a, from: ops/ci-runner, to: production/deploy/web, port: 80, expect: allow}\n';
    const test = await reach(['test', 'spec.yaml', '-f', 'seed', '--no-headers'], {
      ...SEED_FILES,
      'spec.yaml': spec,
    });
    expect(test.stdout.split('\n')[0]).toMatch(/^PASS +a +ops\/ci-runner/);
  });
});
