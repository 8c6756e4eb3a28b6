import { describe, expect, it } from 'vitest';
import { parseArgv } from '../src/parse-argv.js';
import { CLI_VERSION, CORE_VERSION } from '../src/version.js';
import { reach } from './support/fixtures.js';

describe('usage errors exit 2 with a hint', () => {
  it.each([
    [
      ['query', '-f', 'seed', 'a', 'b', '--port', '80', '--bogus'],
      "error: unknown option '--bogus'",
      'reach query',
    ],
    [
      ['query', '-f', 'seed', 'a', '--port', '80'],
      "error: missing required argument 'TO'",
      'reach query',
    ],
    [
      ['query', '-f', 'seed', 'a', 'b', 'c', '--port', '80'],
      'error: too many arguments',
      'reach query',
    ],
    [
      ['query', '-f', 'seed', 'a', 'b', '--port', '0'],
      "error: option '--port <port>' argument '0' is invalid",
      'reach query',
    ],
    [['query', '-f', 'seed', 'a', 'b', '--port', '70000'], 'between 1 and 65535', 'reach query'],
    [
      ['query', '-f', 'seed', 'a', 'b', '--port', 'HTTP'],
      'or a port name (lower case, at most 15 characters)',
      'reach query',
    ],
    [
      ['query', '-f', 'seed', 'a', 'b', '--port', '53/udp', '--protocol', 'tcp'],
      '--port says UDP but --protocol says TCP',
      'reach query',
    ],
    [['query', '-f', 'seed', 'a', 'b', '--port', '90-80'], 'ends before it starts', 'reach query'],
    [
      ['query', '-f', 'seed', 'a', 'b', '--match', 'some'],
      'Allowed choices are all, any.',
      'reach query',
    ],
    [
      ['query', '-f', 'seed', 'a', 'b', '--cluster-cidr', '10.0.0.0/33'],
      'Expected a CIDR block',
      'reach query',
    ],
    [
      ['who-can-reach', '-f', 'seed', 'a', '-l', 'app>1'],
      'cannot read "app>1"',
      'reach who-can-reach',
    ],
    [
      ['who-can-reach', '-f', 'seed', 'a', '-n', 'x', '-A'],
      '-n and -A cannot',
      'reach who-can-reach',
    ],
    [['reachable-from', '-f', 'seed'], "missing required argument 'FROM'", 'reach reachable-from'],
    [['test', '-f', 'seed'], "missing required argument 'SPEC'", 'reach test'],
    [['test', '-', '-f', '-'], 'standard input cannot hold both', 'reach test'],
    [
      ['test', 'x.yaml', '-f', 'seed', '-o', 'xml'],
      'Allowed choices are table, json, yaml, junit.',
      'reach test',
    ],
    [['completion', 'powershell'], 'Allowed choices are bash, zsh, fish.', 'reach completion'],
    [
      ['matrix', '-f', 'seed', '--port', '53/udp'],
      'the protocol goes in --protocol',
      'reach matrix',
    ],
    [
      ['query', '-f', 'seed', 'a', 'b', '--port', '80', '--protocol', 'icmp'],
      'Allowed protocols are TCP, UDP, SCTP.',
      'reach query',
    ],
    [
      ['query', '-f', 'seed', 'a', 'b', '--port', '80', '-o', 'xml'],
      'Allowed choices are table, json, yaml.',
      'reach query',
    ],
    [
      ['query', '-f', 'seed', 'a', 'b', '--port', '80', '-n', ''],
      'A namespace cannot be empty.',
      'reach query',
    ],
    [
      ['validate', '-f'],
      "error: option '-f, --filename <path>' argument missing",
      'reach validate',
    ],
    [['validate', '-f', 'seed', 'extra'], 'error: too many arguments', 'reach validate'],
    [['version', '--short'], "error: unknown option '--short'", 'reach version'],
    [['qeury'], "error: unknown command 'qeury'", 'reach'],
  ])('%j', async (argv, message, helpCommand) => {
    const result = await reach(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      `See '${helpCommand} --help' for usage and examples.`,
    );
  });

  it('suggests the nearest command', async () => {
    const result = await reach(['qeury']);
    expect(result.stderr).toContain('(Did you mean query?)');
  });

  it.each([['query', 'ops/ci-runner', 'production/web', '--port', '80'], ['validate']])(
    'exits 2 when no -f is given: %s',
    async (...argv) => {
      const result = await reach(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `error: no manifests given; pass -f FILE, -f DIRECTORY or -f - (stdin)\nSee 'reach ${argv[0]} --help' for usage and examples.\n`,
      );
    },
  );

  it('prints help on stderr and exits 2 when no command is given', async () => {
    const result = await reach([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: reach COMMAND [flags]');
  });
});

describe('help', () => {
  it.each([[['--help']], [['-h']], [['help']]])(
    '%j prints program help on stdout',
    async (argv) => {
      const result = await reach(argv);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('Usage: reach COMMAND [flags]');
      expect(result.stdout).toContain('query');
      expect(result.stdout).toContain('validate');
      expect(result.stdout).toContain('Exit codes:');
    },
  );

  it.each([
    'query',
    'who-can-reach',
    'reachable-from',
    'test',
    'matrix',
    'validate',
    'version',
    'completion',
  ])('reach %s --help has examples', async (command) => {
    const result = await reach([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: reach ${command}`);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain(`  reach ${command}`);
  });

  it('documents endpoints and exit codes for query', async () => {
    const { stdout } = await reach(['help', 'query']);
    expect(stdout).toContain('Endpoints:');
    expect(stdout).toContain('NAMESPACE/KIND/NAME');
    expect(stdout).toMatch(/0 {2}allowed.*\n {2}1 {2}denied.*\n {2}2 {2}invalid input/);
  });

  it('says kubectl reach when run as the kubectl plugin', async () => {
    const help = await reach(['query', '--help'], {}, { programName: 'kubectl reach' });
    expect(help.stdout).toContain('Usage: kubectl reach query FROM TO');
    expect(help.stdout).toContain('  kubectl reach query -f k8s/');
    expect(help.stdout).not.toMatch(/^ {2}reach /m);
    const error = await reach(['query', '--nope'], {}, { programName: 'kubectl reach' });
    expect(error.stderr).toContain("See 'kubectl reach query --help'");
  });

  it.each([
    [[]],
    [['query']],
    [['who-can-reach']],
    [['reachable-from']],
    [['test']],
    [['matrix']],
    [['validate']],
    [['completion']],
  ])('wraps help of %j at 80 columns whatever the terminal', async (command) => {
    const { stdout } = await reach([...command, '--help']);
    for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});

describe('reach version', () => {
  it('prints the version from package.json', async () => {
    const result = await reach(['version']);
    expect(result).toEqual({
      code: 0,
      stdout: `reach ${CLI_VERSION} (@kube-reach/core ${CORE_VERSION})\n`,
      stderr: '',
    });
    expect(CLI_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints a Version document with -o json', async () => {
    const result = await reach(['version', '-o', 'json']);
    expect(JSON.parse(result.stdout)).toEqual({
      apiVersion: 'kube-reach/v1alpha1',
      kind: 'Version',
      version: CLI_VERSION,
      coreVersion: CORE_VERSION,
    });
  });

  it('answers --version too', async () => {
    expect(await reach(['--version'])).toEqual({ code: 0, stdout: `${CLI_VERSION}\n`, stderr: '' });
  });
});

describe('parseArgv', () => {
  it('returns a typed command without doing anything', () => {
    expect(
      parseArgv([
        'query',
        '-f',
        'a.yaml',
        '-f',
        '-',
        '-R',
        'x',
        'y',
        '--port',
        'http',
        '--protocol',
        'udp',
      ]),
    ).toEqual({
      kind: 'command',
      command: {
        kind: 'query',
        from: 'x',
        to: 'y',
        filenames: ['a.yaml', '-'],
        recursive: true,
        namespace: 'default',
        includeTerminatedPods: false,
        strict: false,
        allowEmpty: false,
        failOnUnevaluated: false,
        port: { kind: 'name', name: 'http' },
        protocol: 'UDP',
        match: 'all',
        clusterCidrs: [],
        output: 'table',
        quiet: false,
        explain: false,
        color: 'auto',
      },
    });
  });

  it('takes flags before and after the arguments', () => {
    const parsed = parseArgv(['validate', '-o', 'json', '--filename=a.yaml', '--namespace=ns']);
    expect(parsed).toEqual({
      kind: 'command',
      command: {
        kind: 'validate',
        filenames: ['a.yaml'],
        recursive: false,
        namespace: 'ns',
        includeTerminatedPods: false,
        strict: false,
        allowEmpty: false,
        failOnUnevaluated: false,
        output: 'json',
      },
    });
  });
});

describe('which usage error comes first', () => {
  it('reports an unknown flag before a missing --port or -f', async () => {
    const result = await reach(['query', '--nope']);
    expect(result.stderr).toContain("error: unknown option '--nope'");
  });

  it('reports missing arguments before a missing -f', async () => {
    const result = await reach(['query', 'a']);
    expect(result.stderr).toContain("error: missing required argument 'TO'");
  });
});
