import type { Engine } from '@kube-reach/core';
import { renderReport } from '@kube-reach/core/report';
import { InvalidArgumentError, Option } from 'commander';
import type { ManifestOptions } from '../command.js';
import { ExitCode } from '../command.js';
import { createEngine } from '../evaluate.js';
import type { ManifestFlags } from '../flags.js';
import { addManifestOptions, examples, manifestOptions, usageError } from '../flags.js';
import type { Io } from '../io.js';
import { loadCluster, parseSources } from '../load-cluster.js';
import { issueLine } from '../print.js';
import { compilingText, createProgress } from '../progress.js';
import { readManifests } from '../read-manifests.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';
import { readGitManifests } from './git-manifests.js';

/** `reach report`: one self-contained HTML page about the manifests. */
export interface ReportCommand extends ManifestOptions {
  readonly kind: 'report';
  /** `-o FILE`; `-` writes the page to standard output. */
  readonly output: string;
  /** `--base PATH`: diff mode against these manifests. */
  readonly base?: string;
  /** `--git-base REF`: diff mode against the `-f` paths at this git revision. */
  readonly gitBase?: string;
}

interface ReportFlags extends ManifestFlags {
  readonly output: string;
  readonly base?: string;
  readonly gitBase?: string;
}

/** `reach report`. */
export const reportCommand: CommandDefinition<ReportCommand> = defineCommand<ReportCommand>({
  name: 'report',
  kind: 'report',
  define(cmd, program) {
    addManifestOptions(
      cmd
        .summary('write one self-contained HTML page: summary, heatmap, graph and queries')
        .description(
          'Write one HTML file that opens from disk with no network: a summary (pods isolated, ' +
            'pods no policy selects, lint findings), a namespace x namespace heatmap of allowed ' +
            'pod pairs, the workload graph, and a query panel that answers like reach query ' +
            '--explain, computed in the page by the same engine. With --base or --git-base it ' +
            "also shows reach diff's changes.",
        )
        .usage('-f PATH [-o reach.html] [--base PATH | --git-base REF] [flags]'),
    )
      .addOption(
        new Option('-o, --output <file>', 'the HTML file to write, or - for stdout').default(
          'reach.html',
        ),
      )
      .addOption(
        new Option('--base <path>', 'diff mode: compare with these manifests (as reach diff)'),
      )
      .addOption(
        new Option(
          '--git-base <ref>',
          'diff mode: compare with the -f paths at this git revision',
        ).argParser(parseRef),
      )
      .addHelpText('after', () => reportHelp(program));
  },
  parse(cmd) {
    const opts = cmd.opts<ReportFlags>();
    if (opts.base !== undefined && opts.gitBase !== undefined) {
      usageError(cmd, '--base and --git-base cannot be used together', 'reportBaseConflict');
    }
    return {
      kind: 'report',
      ...manifestOptions(cmd, opts),
      output: opts.output,
      ...(opts.base === undefined ? {} : { base: opts.base }),
      ...(opts.gitBase === undefined ? {} : { gitBase: opts.gitBase }),
    };
  },
  run: runReport,
});

function parseRef(value: string): string {
  if (value === '' || value.startsWith('-')) {
    throw new InvalidArgumentError('A git revision cannot be empty or start with "-".');
  }
  return value;
}

/** `reach report`: exit 0 when the page was written, 2 for invalid input. */
export async function runReport(cmd: ReportCommand, io: Io): Promise<number> {
  const progress = createProgress(io, false);
  const loaded = await loadCluster(io, cmd, progress);
  progress.done();
  for (const issue of loaded.issues) io.stderr(`${issueLine(issue)}\n`);
  if (!loaded.ok) return ExitCode.invalid;
  progress.update(compilingText(loaded.cluster));
  const engine = createEngine(loaded.cluster, cmd);
  progress.done();
  let base: { engine: Engine; source: string } | undefined;
  if (cmd.base !== undefined || cmd.gitBase !== undefined) {
    progress.update('reading the base manifests');
    const read =
      cmd.gitBase === undefined
        ? await readManifests(io, [cmd.base ?? ''], cmd.recursive)
        : await readGitManifests(io, cmd.gitBase, cmd.filenames, cmd.recursive);
    progress.done();
    const parsed = parseSources(io, read, cmd);
    for (const issue of parsed.issues) io.stderr(`${issueLine(issue)}\n`);
    if (!parsed.ok) return ExitCode.invalid;
    base = {
      engine: createEngine(parsed.cluster, cmd),
      source: cmd.base ?? `${cmd.filenames.join(' ')} at ${cmd.gitBase}`,
    };
  }
  progress.update('building the report');
  const html = renderReport(engine, {
    source: cmd.filenames.join(' '),
    defaultNamespace: cmd.namespace,
    ...(base === undefined ? {} : { base }),
  });
  progress.done();
  if (cmd.output === '-') {
    await io.stdout(html);
    return ExitCode.ok;
  }
  if (io.writeFile === undefined) {
    io.stderr(`error: cannot write ${cmd.output} here; use -o - for standard output\n`);
    return ExitCode.invalid;
  }
  try {
    await io.writeFile(cmd.output, html);
  } catch (error) {
    io.stderr(`error: cannot write ${cmd.output}: ${(error as Error).message}\n`);
    return ExitCode.invalid;
  }
  io.stderr(`wrote ${cmd.output} (${Math.ceil(Buffer.byteLength(html) / 1024)} KiB)\n`);
  return ExitCode.ok;
}

function reportHelp(name: string): string {
  return `
The page is self-contained (scripts, styles and data inlined), asks no network,
and opens from disk. Its query panel takes the endpoints of reach query.
${examples([
  `${name} report -f k8s/ -R`,
  `${name} report -f k8s/ -R -o review.html --git-base origin/main`,
  `${name} report -f k8s-new/ --base k8s-old/ -o diff.html`,
])}

Exit codes:
  0  the page was written
  2  invalid input, an unreadable path or revision, or usage`;
}
