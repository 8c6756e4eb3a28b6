import { InvalidArgumentError, Option, type Command as Program } from 'commander';
import { ExitCode } from '../command.js';
import type { CommandKit } from './command-kit.js';
import { examples, loadingFlags } from './command-kit.js';

/** The `-o` formats of `reach diff`. */
export type DiffFormat = 'table' | 'md' | 'json' | 'yaml' | 'ndjson' | 'csv' | 'dot';

export const DIFF_FORMATS: readonly DiffFormat[] = [
  'table',
  'md',
  'json',
  'yaml',
  'ndjson',
  'csv',
  'dot',
];

/** `reach diff`: connectivity before and after a change to the manifests. */
export interface DiffCommand {
  readonly kind: 'diff';
  /**
   * Without `gitBase`: `[BASE, HEAD]`, each a file, a directory or `-`. With it: the paths
   * of the working tree to compare against the same paths at the revision (default `.`).
   */
  readonly paths: readonly string[];
  /** `--git-base REF`: the base is `paths` as of this git revision. */
  readonly gitBase?: string;
  readonly recursive: boolean;
  readonly namespace: string;
  readonly includeTerminatedPods: boolean;
  readonly ipBlockMatchesPods: boolean;
  readonly hostNetworkPods: 'node' | 'pods';
  readonly strict?: boolean;
  readonly allowEmpty?: boolean;
  readonly failOnUnevaluated?: boolean;
  readonly by: 'pod' | 'workload';
  readonly output: DiffFormat;
}

interface DiffFlags {
  readonly strict?: boolean;
  readonly allowEmpty?: boolean;
  readonly failOnUnevaluated?: boolean;
  readonly gitBase?: string;
  readonly recursive?: boolean;
  readonly namespace: string;
  readonly includeTerminatedPods?: boolean;
  readonly ipblockPods: boolean;
  readonly hostNetworkPods: 'node' | 'pods';
  readonly by: 'pod' | 'workload';
  readonly output: DiffFormat;
}

function parseRef(value: string): string {
  // A revision never starts with '-' (git would read it as an option).
  if (value === '' || value.startsWith('-')) {
    throw new InvalidArgumentError('A git revision cannot be empty or start with "-".');
  }
  return value;
}

/** Adds `reach diff` to the program; `onCommand` receives the parsed command. */
export function registerDiffCommand(
  program: Program,
  kit: CommandKit,
  onCommand: (command: DiffCommand) => void,
): void {
  const { name } = kit;
  kit
    .addReadingOptions(
      kit
        .configure(program.command('diff'), `${name} diff`)
        .summary('compare who can reach whom before and after a change')
        .description(
          'Compare two sets of manifests as connectivity: connections added, removed and changed ' +
            '(with their port sets), and pods or workloads that became or stopped being isolated. ' +
            'BASE and HEAD are each a file, a directory or - (stdin); with --git-base, the PATHs ' +
            'of the working tree are compared with the same PATHs at a git revision.',
        )
        .usage('BASE HEAD [flags]\n       --git-base REF [PATH...] [flags]')
        .argument('[PATH...]', 'BASE and HEAD, or the working-tree paths with --git-base')
        .addOption(
          new Option(
            '--git-base <ref>',
            'compare with the same paths at this git revision',
          ).argParser(parseRef),
        ),
    )
    .addOption(
      new Option('--by <grouping>', 'compare workloads (their controllers) or single pods')
        .choices(['pod', 'workload'])
        .default('workload'),
    )
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(DIFF_FORMATS).default('table'),
    )
    .addHelpText('after', () => diffHelp(name))
    .action((paths: string[], _opts: unknown, cmd: Program) => {
      const opts = cmd.opts<DiffFlags>();
      if (opts.gitBase === undefined && paths.length !== 2) {
        return cmd.error('error: reach diff takes BASE and HEAD, or --git-base REF [PATH...]', {
          code: 'reach.diffArguments',
          exitCode: ExitCode.invalid,
        });
      }
      if (opts.gitBase !== undefined && paths.includes('-')) {
        return cmd.error('error: --git-base compares paths; - (stdin) has no git revision', {
          code: 'reach.diffArguments',
          exitCode: ExitCode.invalid,
        });
      }
      if (paths.filter((p) => p === '-').length > 1) {
        return cmd.error('error: only one of BASE and HEAD can be - (stdin)', {
          code: 'reach.diffArguments',
          exitCode: ExitCode.invalid,
        });
      }
      onCommand({
        kind: 'diff',
        paths: opts.gitBase !== undefined && paths.length === 0 ? ['.'] : paths,
        ...(opts.gitBase === undefined ? {} : { gitBase: opts.gitBase }),
        recursive: opts.recursive === true,
        namespace: opts.namespace,
        includeTerminatedPods: opts.includeTerminatedPods === true,
        ipBlockMatchesPods: opts.ipblockPods,
        hostNetworkPods: opts.hostNetworkPods,
        ...loadingFlags(opts),
        by: opts.by,
        output: opts.output,
      });
    });
}

function diffHelp(name: string): string {
  return `
Output:
  A one-line summary ("3 connections added, 1 removed, 2 changed; 1 workload
  newly isolated"), then every pair whose allowed connections differ, with its
  port sets before and after ("TCP 80 -> TCP 80,443"), external peers as
  address ranges first-last. -o md is ready to paste as a pull-request comment;
  -o dot colours added edges green, removed red, changed orange.
${examples([
  `${name} diff main-manifests/ k8s/ -R`,
  `${name} diff --git-base origin/main k8s/ -R -o md > reach-diff.md`,
  `${name} diff before.yaml after.yaml --by pod -o json`,
  `${name} diff a/ b/ -o dot | dot -Tsvg > diff.svg`,
])}

Exit codes:
  0  no change in connectivity
  1  connectivity changed
  2  invalid input, an unreadable path or revision, or usage`;
}
