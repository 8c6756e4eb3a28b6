// Progress on a terminal (stderr a TTY, not -q) for every command that can take more than a
// second; nothing in pipes.
import { describe, expect, it } from 'vitest';
import { reach, SEED_FILES } from './support/fixtures.js';

const CLEAR = '\r\u001b[2K';
const SPEC = `
- {from: ops/ci-runner, to: production/deployment/web, port: 80, expect: allow}
`;
const FILES = { ...SEED_FILES, 'spec.yaml': SPEC };

/** Each command with a progress text it must show on the way. */
const COMMANDS: readonly (readonly [readonly string[], string])[] = [
  [['query', '-f', 'seed', 'ops/ci-runner', 'production/deploy/web', '--port', '80'], 'compiling'],
  [['who-can-reach', '-f', 'seed', 'production/deploy/web'], 'compiling'],
  [['reachable-from', '-f', 'seed', 'ops/ci-runner'], 'compiling'],
  [['test', 'spec.yaml', '-f', 'seed'], 'checking 0 of 1 expectations'],
  [['matrix', '-f', 'seed', '--port', '80'], 'compiling'],
  [['lint', '-f', 'seed'], 'linting'],
  [['validate', '-f', 'seed'], 'reading manifests'],
  [['diff', 'seed', 'seed'], 'comparing connectivity'],
];

describe('progress on a terminal, for every command that reads manifests', () => {
  it.each(COMMANDS)('%j shows progress on stderr and clears it', async (argv, text) => {
    const result = await reach(argv, FILES, { stderrIsTTY: true });
    expect(result.stderr).toContain(`${CLEAR}reach: reading `);
    expect(result.stderr).toContain(`reach: ${text}`);
    expect(result.stderr.endsWith(CLEAR)).toBe(true);
    expect(result.stdout).not.toContain('reach: ');
    // Without a terminal the same command writes nothing on stderr.
    const piped = await reach(argv, FILES);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(result.stdout);
  });

  it('counts the matrix rows as they are written when stdout is redirected', async () => {
    const result = await reach(['matrix', '-f', 'seed', '--port', '80'], FILES, {
      stderrIsTTY: true,
    });
    expect(result.stderr).toContain('reach: computing row 1 of ');
    expect(result.stderr.endsWith(CLEAR)).toBe(true);
    const connections = await reach(['matrix', '-f', 'seed', '-o', 'json'], FILES, {
      stderrIsTTY: true,
    });
    expect(connections.stderr).toContain('reach: computing connections: row 1 of ');
  });

  it('leaves the matrix rows alone when stdout is the terminal too', async () => {
    const result = await reach(['matrix', '-f', 'seed', '--port', '80'], FILES, {
      stderrIsTTY: true,
      isTTY: true,
    });
    expect(result.stderr).toContain('reach: compiling');
    expect(result.stderr).not.toContain('computing row');
  });
});
