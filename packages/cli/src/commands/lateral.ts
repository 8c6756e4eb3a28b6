import type { HopOptions, PortFilter, Protocol, ResolvedEndpoint } from '@kube-reach/core';
import { blastRadius, buildReachGraph, exposure, paths, segments } from '@kube-reach/core';
import { InvalidArgumentError, Option, type Command as Program } from 'commander';
import type { ManifestOptions, PortArg } from '../command.js';
import { ExitCode } from '../command.js';
import type { ManifestFlags } from '../flags.js';
import {
  addManifestOptions,
  clusterCidrOption,
  examples,
  formatOption,
  manifestOptions,
  once,
  parsePort,
  parseProtocol,
  usageError,
} from '../flags.js';
import type { Io } from '../io.js';
import { printEndpointError } from '../print.js';
import { createProgress } from '../progress.js';
import { openSession } from '../session.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';
import type { LateralAnswer, LateralFormat } from './lateral-output.js';
import { LATERAL_FORMATS, summary, writeLateral } from './lateral-output.js';

// `reach path`, `reach blast-radius`, `reach exposure` and `reach segments`: lateral movement
// over the graph of pod classes (core's paths/). One definition each, sharing their flags.

/** The four commands, parsed. */
export interface LateralCommand extends ManifestOptions {
  readonly kind: 'lateral';
  readonly question: 'path' | 'blast-radius' | 'exposure' | 'segments';
  /** The endpoints: FROM and TO for `path`, FROM for `blast-radius`, none otherwise. */
  readonly endpoints: readonly string[];
  /** `--target` of `exposure`. */
  readonly targets: readonly string[];
  readonly maxHops?: number;
  readonly k: number;
  readonly hops: HopOptions;
  readonly clusterCidrs: readonly string[];
  readonly output: LateralFormat;
  readonly quiet: boolean;
}

interface LateralFlags extends ManifestFlags {
  readonly maxHops?: number;
  readonly k?: number;
  readonly anyPort?: boolean;
  readonly port?: PortArg;
  readonly protocol?: Protocol;
  readonly target?: readonly string[];
  readonly clusterCidr?: readonly string[];
  readonly output: LateralFormat;
  readonly quiet?: boolean;
}

function count(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) {
      throw new InvalidArgumentError(`Expected a whole number of at least ${min}.`);
    }
    return n;
  };
}

/** `--port` and `--protocol` as the hop filter; a port name means nothing across many pods. */
function hopOptions(cmd: Program, flags: LateralFlags): HopOptions {
  const { port } = flags;
  if (port?.kind === 'name') {
    usageError(
      cmd,
      `--port ${port.name}: give a number or a range (names differ between pods)`,
      'portName',
    );
  }
  if (
    port?.protocol !== undefined &&
    flags.protocol !== undefined &&
    port.protocol !== flags.protocol
  ) {
    usageError(
      cmd,
      `--port says ${port.protocol} but --protocol says ${flags.protocol}; give the protocol once`,
      'protocolConflict',
    );
  }
  const protocol = port?.protocol ?? flags.protocol;
  let filter: PortFilter | undefined;
  if (port?.kind === 'number') filter = { port: port.port, ...(protocol ? { protocol } : {}) };
  else if (port?.kind === 'range') {
    filter = { port: port.first, endPort: port.last, ...(protocol ? { protocol } : {}) };
  } else if (protocol !== undefined) filter = { protocol };
  return {
    ...(flags.anyPort === true ? { anyPort: true } : {}),
    ...(filter === undefined ? {} : { ports: [filter] }),
  };
}

const QUESTIONS = {
  path: {
    args: ['FROM', 'TO'],
    summary: 'the shortest chains of hops from one endpoint to another (lateral movement)',
    description:
      'Find the shortest chains of allowed connections from FROM to TO, each hop on a port the ' +
      'next pod listens on, with the rules that allow it. Exit 0 when a path exists, 1 when none does.',
    examples: [
      'path -f k8s/ shop/deploy/web shop/statefulset/db',
      'path -f k8s/ external svc/db -n shop --max-hops 3 -k 3',
      'path -f k8s/ shop/deploy/web shop/sts/db --any-port -o dot | dot -Tsvg > path.svg',
    ],
    exit: '  0  a path exists\n  1  no path (within --max-hops)\n  2  invalid input or usage',
  },
  'blast-radius': {
    args: ['FROM'],
    summary: 'everything a compromised endpoint reaches, hop by hop',
    description:
      'List every pod and external address range FROM reaches through chains of allowed ' +
      'connections, nearest first, with a shortest chain to each. Exit 0 (a listing).',
    examples: [
      'blast-radius -f k8s/ shop/deploy/web',
      'blast-radius -f k8s/ shop/deploy/web --max-hops 2 -o json',
    ],
    exit: '  0  listed (also when nothing is reachable)\n  2  invalid input or usage',
  },
  exposure: {
    args: [],
    summary: 'the workloads reachable from outside the cluster, and how deep',
    description:
      'List every workload some pod of which the internet (external) reaches through chains ' +
      'of allowed connections, with the depth and the shortest chain; with --target, the ' +
      'shortest chain to each target. Exit 0 when something (a target, with --target) is ' +
      'reachable from outside, 1 when nothing is.',
    examples: ['exposure -f k8s/', 'exposure -f k8s/ --target svc/db -n shop --max-hops 3'],
    exit: '  0  something is reachable from outside\n  1  nothing is\n  2  invalid input or usage',
  },
  segments: {
    args: [],
    summary: 'the flat parts of the cluster: pods that all reach one another',
    description:
      'List the strongly connected sets of pods (every pod reaches every other, in one hop or ' +
      'more), largest first, with their ports and whether they are flat (everyone reaches ' +
      'everyone in one hop). Exit 0.',
    examples: ['segments -f k8s/', 'segments -f k8s/ --any-port -o md'],
    exit: '  0  listed\n  2  invalid input or usage',
  },
} as const;

function lateralCommand(question: LateralCommand['question']): CommandDefinition<LateralCommand> {
  const q = QUESTIONS[question];
  return defineCommand<LateralCommand>({
    name: question,
    kind: 'lateral',
    define(cmd, program) {
      cmd
        .summary(q.summary)
        .description(q.description)
        .usage(`${q.args.join(' ')}${q.args.length > 0 ? ' ' : ''}-f PATH [flags]`);
      for (const arg of q.args)
        cmd.argument(`<${arg}>`, arg === 'TO' ? 'destination endpoint' : 'source endpoint');
      addManifestOptions(cmd);
      if (question !== 'segments') {
        cmd.addOption(
          new Option('--max-hops <n>', 'follow chains of at most n hops').argParser(once(count(0))),
        );
      }
      if (question === 'path') {
        cmd.addOption(
          new Option('-k <n>', 'list up to n shortest paths (default 1)').argParser(once(count(1))),
        );
      }
      if (question === 'exposure') {
        cmd.addOption(
          new Option(
            '--target <endpoint>',
            'also show the shortest chain to this endpoint (repeatable)',
          ).argParser((value: string, previous: readonly string[] | undefined) => [
            ...(previous ?? []),
            value,
          ]),
        );
      }
      cmd
        .option(
          '--any-port',
          'a hop counts on any allowed port, not only on ports the destination listens on',
        )
        .addOption(
          new Option(
            '--port <port>',
            'only hops on this port or range (8080, 8000-8080, 53/udp)',
          ).argParser(once(parsePort)),
        )
        .addOption(
          new Option('--protocol <protocol>', 'only hops of this protocol').argParser(
            parseProtocol,
          ),
        )
        .addOption(clusterCidrOption())
        .addOption(formatOption(LATERAL_FORMATS))
        .option('-q, --quiet', 'no summary or progress; just the answer')
        .addHelpText(
          'after',
          () => `
Hops:
  A hop is an allowed connection to a pod on a port it listens on (a container
  port, or the targetPort of a Service selecting it), or to an external address
  range; --any-port counts every allowed port. External ranges start or end a
  chain, never relay one. Endpoints: see '${program} query --help'.
  JSON and YAML print a ${question === 'path' ? 'Paths' : question === 'blast-radius' ? 'BlastRadius' : question === 'exposure' ? 'Exposure' : 'Segments'} document (see the README).
${examples(q.examples.map((e) => `${program} ${e}`))}

Exit codes:
${q.exit}`,
        );
    },
    parse(cmd) {
      const opts = cmd.opts<LateralFlags>();
      return {
        kind: 'lateral',
        question,
        endpoints: cmd.processedArgs as string[],
        targets: opts.target ?? [],
        ...(opts.maxHops === undefined ? {} : { maxHops: opts.maxHops }),
        k: opts.k ?? 1,
        hops: hopOptions(cmd, opts),
        clusterCidrs: opts.clusterCidr ?? [],
        ...manifestOptions(cmd, opts),
        output: opts.output,
        quiet: opts.quiet === true,
      };
    },
    run: runLateral,
  });
}

/** `reach path FROM TO`. */
export const pathCommand: CommandDefinition<LateralCommand> = lateralCommand('path');
/** `reach blast-radius FROM`. */
export const blastRadiusCommand: CommandDefinition<LateralCommand> = lateralCommand('blast-radius');
/** `reach exposure`. */
export const exposureCommand: CommandDefinition<LateralCommand> = lateralCommand('exposure');
/** `reach segments`. */
export const segmentsCommand: CommandDefinition<LateralCommand> = lateralCommand('segments');

/** Runs one of the four questions; see each command's exit codes. */
export async function runLateral(cmd: LateralCommand, io: Io): Promise<number> {
  const progress = createProgress(io, cmd.quiet);
  const texts = [...cmd.endpoints, ...cmd.targets];
  const session = await openSession(io, cmd, texts, progress);
  if (typeof session === 'number') return session;
  const resolved: ResolvedEndpoint[] = [];
  for (const text of texts) {
    const r = session.resolve(text);
    if (!r.ok) {
      printEndpointError(io, r.issue);
      return ExitCode.invalid;
    }
    resolved.push(r.endpoint);
  }
  progress.update(`building the reach graph of ${session.engine.stats.podClasses} pod classes`);
  const graph = buildReachGraph(session.engine, cmd.hops);
  progress.update(`searching ${graph.stats.nodes} nodes and ${graph.stats.edges} edges`);
  const options = {
    ...cmd.hops,
    ...(cmd.maxHops === undefined ? {} : { maxHops: cmd.maxHops }),
    clusterCidrs: cmd.clusterCidrs,
  };
  const [from, to] = resolved;
  let answer: LateralAnswer;
  let found = true;
  switch (cmd.question) {
    case 'path': {
      const result = paths(graph, from as ResolvedEndpoint, to as ResolvedEndpoint, {
        ...options,
        k: cmd.k,
      });
      answer = { kind: 'Paths', result };
      found = result.distance !== null;
      break;
    }
    case 'blast-radius':
      answer = {
        kind: 'BlastRadius',
        result: blastRadius(graph, from as ResolvedEndpoint, options),
      };
      break;
    case 'exposure': {
      const result = exposure(graph, { ...options, targets: resolved });
      answer = { kind: 'Exposure', result };
      found =
        result.targets.length > 0
          ? result.targets.some((t) => t.distance !== null)
          : result.exposed.length > 0;
      break;
    }
    case 'segments':
      answer = { kind: 'Segments', result: segments(graph, cmd.hops) };
      break;
  }
  progress.done();
  if (!cmd.quiet && (cmd.output === 'table' || cmd.output === 'md'))
    io.stderr(`${summary(answer)}\n`);
  await writeLateral(io, cmd.output, answer);
  return found || cmd.question === 'blast-radius' || cmd.question === 'segments'
    ? ExitCode.ok
    : ExitCode.denied;
}
