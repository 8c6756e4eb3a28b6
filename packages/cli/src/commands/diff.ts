import { diff, summarizeDiff } from '@kube-reach/core';
import { InvalidArgumentError, Option } from 'commander';
import type { KnobFlags } from '../cni-flags.js';
import { semanticsOptions } from '../cni-flags.js';
import type { ManifestOptions } from '../command.js';
import { ExitCode } from '../command.js';
import { createEngine } from '../evaluate.js';
import type { NamespaceLabels } from '../flags.js';
import { addReadingOptions, examples, formatOption, loadingFlags, usageError } from '../flags.js';
import type { Io } from '../io.js';
import { parseSources } from '../load-cluster.js';
import { issueLine } from '../print.js';
import { compilingText, createProgress } from '../progress.js';
import { readManifests } from '../read-manifests.js';
import { plural } from '../render.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';
import type { DiffFormat } from './diff-output.js';
import { DIFF_FORMATS, writeDiff } from './diff-output.js';
import { readGitManifests } from './git-manifests.js';

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
  readonly ipBlockMatchesPods?: boolean;
  readonly hostNetworkPods?: 'node' | 'pods';
  readonly cni?: string;
  readonly knobs?: KnobFlags;
  readonly strict?: boolean;
  readonly allowEmpty?: boolean;
  readonly failOnUnevaluated?: boolean;
  readonly namespaceLabels?: NamespaceLabels;
  readonly by: 'pod' | 'workload';
  readonly output: DiffFormat;
}

interface DiffFlags {
  readonly namespaceLabels?: NamespaceLabels;
  readonly strict?: boolean;
  readonly allowEmpty?: boolean;
  readonly failOnUnevaluated?: boolean;
  readonly gitBase?: string;
  readonly recursive?: boolean;
  readonly namespace: string;
  readonly includeTerminatedPods?: boolean;
  readonly ipblockPods: boolean;
  readonly hostNetworkPods: 'node' | 'pods';
  readonly cni?: readonly string[];
  readonly knob?: KnobFlags;
  readonly by: 'pod' | 'workload';
  readonly output: DiffFormat;
}

/** `reach diff`. */
export const diffCommand: CommandDefinition<DiffCommand> = defineCommand<DiffCommand>({
  name: 'diff',
  kind: 'diff',
  define(cmd, program) {
    addReadingOptions(
      cmd
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
      .addOption(formatOption(DIFF_FORMATS))
      .addHelpText('after', () => diffHelp(program));
  },
  parse(cmd) {
    const [paths] = cmd.processedArgs as [string[]];
    const opts = cmd.opts<DiffFlags>();
    const usage = (message: string): never => usageError(cmd, message, 'diffArguments');
    if (opts.gitBase === undefined && paths.length !== 2) {
      usage('reach diff takes BASE and HEAD, or --git-base REF [PATH...]');
    }
    if (opts.gitBase !== undefined && paths.includes('-')) {
      usage('--git-base compares paths; - (stdin) has no git revision');
    }
    if ((opts.cni?.length ?? 0) > 1)
      usage('--cni takes one profile here (reach matrix compares several)');
    if (paths.filter((p) => p === '-').length > 1) {
      usage('only one of BASE and HEAD can be - (stdin)');
    }
    return {
      kind: 'diff',
      paths: opts.gitBase !== undefined && paths.length === 0 ? ['.'] : paths,
      ...(opts.gitBase === undefined ? {} : { gitBase: opts.gitBase }),
      recursive: opts.recursive === true,
      namespace: opts.namespace,
      includeTerminatedPods: opts.includeTerminatedPods === true,
      ...semanticsOptions(cmd, opts),
      ...loadingFlags(opts),
      by: opts.by,
      output: opts.output,
    };
  },
  run: runDiff,
});

function parseRef(value: string): string {
  // A revision never starts with '-' (git would read it as an option).
  if (value === '' || value.startsWith('-')) {
    throw new InvalidArgumentError('A git revision cannot be empty or start with "-".');
  }
  return value;
}

/** Exit code when connectivity changed. */
const EXIT_CHANGED = 1;

/** `reach diff`: what changed in connectivity; exit 1 when something did. */
export async function runDiff(cmd: DiffCommand, io: Io): Promise<number> {
  const [beforePaths, afterPaths] =
    cmd.gitBase === undefined
      ? [[cmd.paths[0] ?? ''], [cmd.paths[1] ?? '']]
      : [cmd.paths, cmd.paths];
  const progress = createProgress(io, false);
  const reading = (side: string) => (count: number) =>
    progress.update(`reading the ${side} manifests: ${plural(count, 'file')}`);
  progress.update(
    `reading the base manifests${cmd.gitBase === undefined ? '' : ` at ${cmd.gitBase}`}`,
  );
  const beforeRead =
    cmd.gitBase === undefined
      ? await readManifests(io, beforePaths, cmd.recursive, reading('base'))
      : await readGitManifests(io, cmd.gitBase, beforePaths, cmd.recursive);
  const afterRead = await readManifests(io, afterPaths, cmd.recursive, reading('head'));
  progress.done();
  const base = parseSources(io, beforeRead, cmd);
  const head = parseSources(io, afterRead, cmd);
  // A note about the input as a whole (an undeclared namespace) is printed once, not per side.
  const printed = new Set<string>();
  for (const issue of [...base.issues, ...head.issues]) {
    if (issue.code === 'namespace-not-declared') {
      if (printed.has(issue.message)) continue;
      printed.add(issue.message);
    }
    io.stderr(`${issueLine(issue)}\n`);
  }
  if (!base.ok || !head.ok) return ExitCode.invalid;
  const before = base.cluster;
  const after = head.cluster;
  progress.update(`base: ${compilingText(before)}`);
  const beforeEngine = createEngine(before, manifestFlags(cmd));
  progress.update(`head: ${compilingText(after)}`);
  const afterEngine = createEngine(after, manifestFlags(cmd));
  progress.update('comparing connectivity');
  const result = diff(beforeEngine, afterEngine, { by: cmd.by, clusters: { before, after } });
  progress.done();
  await writeDiff(result, cmd.output, [...base.unevaluated, ...head.unevaluated], io);
  return summarizeDiff(result).any ? EXIT_CHANGED : ExitCode.ok;
}

/** The plugin assumptions, in the shape `createEngine` reads them. */
function manifestFlags(cmd: DiffCommand): ManifestOptions {
  return {
    filenames: [],
    recursive: cmd.recursive,
    namespace: cmd.namespace,
    includeTerminatedPods: cmd.includeTerminatedPods,
    ...(cmd.cni === undefined ? {} : { cni: cmd.cni }),
    ...(cmd.knobs === undefined ? {} : { knobs: cmd.knobs }),
    ...(cmd.ipBlockMatchesPods === undefined ? {} : { ipBlockMatchesPods: cmd.ipBlockMatchesPods }),
    ...(cmd.hostNetworkPods === undefined ? {} : { hostNetworkPods: cmd.hostNetworkPods }),
  };
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
