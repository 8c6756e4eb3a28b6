import type { PairResult, Protocol, QueryOutcome } from '@kube-reach/core';
import {
  formatAssumptions,
  formatConnectionSet,
  formatExplanation,
  pairWord,
  query,
} from '@kube-reach/core';
import { profileNotes } from '../cni-flags.js';
import type { ColorMode } from '../color.js';
import { painter } from '../color.js';
import type { EndpointOptions, ManifestOptions, OutputFormat, PortArg } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import type { EndpointFlags, ManifestFlags } from '../flags.js';
import {
  addManifestOptions,
  allNamespacesOption,
  clusterCidrOption,
  colorOption,
  endpointOptions,
  examples,
  manifestOptions,
  matchOption,
  outputOption,
  portAndProtocol,
  portOption,
  protocolOption,
} from '../flags.js';
import type { Io } from '../io.js';
import { unevaluatedField } from '../load-cluster.js';
import { printEndpointError, printErrors } from '../print.js';
import { createProgress } from '../progress.js';
import { writeDocument } from '../render.js';
import { openSession } from '../session.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';

/** `reach query FROM TO`: can FROM open a connection to TO? */
export interface QueryCommand extends ManifestOptions, EndpointOptions {
  readonly kind: 'query';
  readonly from: string;
  readonly to: string;
  /** Absent: "which ports?", answered with the connection set. */
  readonly port?: PortArg;
  readonly protocol: Protocol;
  readonly output: OutputFormat;
  readonly quiet: boolean;
  /** `--explain`: say which policies and rules decided. */
  readonly explain: boolean;
  readonly color: ColorMode;
}

interface QueryFlags extends ManifestFlags, EndpointFlags {
  readonly output: OutputFormat;
  readonly quiet?: boolean;
  readonly explain?: boolean;
  readonly color: ColorMode;
}

/** Pairs listed when the pods behind an endpoint disagree; the rest are counted. */
const MAX_LISTED_PAIRS = 20;

/** `reach query`. */
export const queryCommand: CommandDefinition<QueryCommand> = defineCommand<QueryCommand>({
  name: 'query',
  kind: 'query',
  define(cmd, program) {
    cmd
      .summary('ask whether one endpoint can open a connection to another')
      .description(
        'Ask whether FROM can open a connection to TO on a port, given the NetworkPolicies in ' +
          'the manifests (like `kubectl auth can-i` for network traffic). Prints yes or no; the ' +
          'exit code says the same. Without --port, prints which ports FROM may use.',
      )
      .usage('FROM TO -f PATH [--port PORT] [flags]')
      .argument('<FROM>', 'source endpoint (see Endpoints below)')
      .argument('<TO>', 'destination endpoint');
    addManifestOptions(cmd)
      .addOption(allNamespacesOption())
      .addOption(portOption())
      .addOption(protocolOption())
      .addOption(matchOption())
      .addOption(clusterCidrOption())
      .addOption(outputOption())
      .option('-q, --quiet', 'print nothing; answer with the exit code only')
      .option('--explain', 'say which policies isolate each side and which rule allowed it')
      .addOption(colorOption())
      .addHelpText('after', () => queryHelp(program));
  },
  parse(cmd) {
    const [from, to] = cmd.processedArgs as [string, string];
    const opts = cmd.opts<QueryFlags>();
    return {
      kind: 'query',
      from,
      to,
      ...manifestOptions(cmd, opts),
      ...endpointOptions(opts),
      ...portAndProtocol(cmd, opts),
      output: opts.output,
      quiet: opts.quiet === true,
      explain: opts.explain === true,
      color: opts.color,
    };
  },
  run: runQuery,
});

/**
 * `reach query`: with a port, exit 0 when allowed and 1 when denied; without, print the
 * connections and exit 0 when there are any, 1 when none; 2 for invalid input.
 */
export async function runQuery(cmd: QueryCommand, io: Io): Promise<number> {
  const progress = createProgress(io, cmd.quiet);
  const session = await openSession(io, cmd, [cmd.from, cmd.to], progress);
  if (typeof session === 'number') return session;

  const from = session.resolve(cmd.from);
  const to = session.resolve(cmd.to);
  if (!from.ok || !to.ok) {
    if (!from.ok) printEndpointError(io, from.issue);
    if (!to.ok) printEndpointError(io, to.issue);
    return ExitCode.invalid;
  }
  const evaluation = query(session.engine, from.endpoint, to.endpoint, {
    ...(cmd.port === undefined ? {} : { port: cmd.port }),
    protocol: cmd.protocol,
    match: cmd.match,
    explain: cmd.explain,
  });
  if (!evaluation.ok)
    return printErrors(
      io,
      evaluation.issues.map((i) => i.message),
    );
  const outcome = evaluation.outcome;
  const code = outcome.allowed ? ExitCode.ok : ExitCode.denied;
  if (cmd.quiet) return code;

  const notes = [
    ...profileNotes(session.engine.options),
    ...[...from.endpoint.notes, ...to.endpoint.notes, ...outcome.notes].map(
      (note) => `note: ${note}`,
    ),
    ...pairNotes(outcome, cmd.match),
  ];
  if (cmd.output === 'table') {
    const paint = painter(io, cmd.color);
    const verdict = outcome.allowed ? paint.green : paint.red;
    const head = `${outcome.from.name} -> ${outcome.to.name}`;
    if (outcome.asked === 'none') {
      io.stdout(`${head}: ${verdict(formatConnectionSet(outcome.connections ?? {}))}\n`);
    } else {
      io.stdout(`${verdict(outcome.allowed ? 'yes' : 'no')}\n`);
      io.stdout(`${head} ${outcome.trafficText}: ${verdict(summaryWord(outcome))}\n`);
    }
    for (const note of notes) io.stdout(`${note}\n`);
    if (cmd.explain) for (const line of explanationLines(outcome)) io.stdout(`${line}\n`);
    return code;
  }

  for (const note of notes) io.stderr(`${note}\n`);
  await writeDocument(io, cmd.output, {
    ...queryDocument(outcome, cmd),
    ...unevaluatedField(session.unevaluated),
  });
  return code;
}

/** `allowed`, `denied`, or for one pair of a range `denied (allowed on TCP 8000-8040 only)`. */
function summaryWord(outcome: QueryOutcome): string {
  const [only] = outcome.pairs;
  const word = outcome.allowed ? 'allowed' : 'denied';
  if (outcome.pairs.length === 1 && only?.state === 'partial')
    return `${word} (${pairWord(only, outcome.asked)})`;
  return word;
}

/** The `ReachabilityQuery` document of `-o json` / `-o yaml`. */
function queryDocument(outcome: QueryOutcome, cmd: QueryCommand): object {
  const { port } = cmd;
  const traffic =
    port === undefined
      ? null
      : port.kind === 'range'
        ? { port: port.first, endPort: port.last, protocol: outcome.protocol }
        : {
            port: outcome.port ?? (port.kind === 'name' ? port.name : port.port),
            protocol: outcome.protocol,
          };
  const several = outcome.pairs.length > 1;
  const explanations = outcome.pairs.flatMap((p) => (p.explanation ? [p.explanation] : []));
  return {
    apiVersion: API_VERSION,
    kind: 'ReachabilityQuery',
    from: outcome.from.name,
    to: outcome.to.name,
    traffic,
    allowed: outcome.allowed,
    ...(outcome.connections === undefined ? {} : { connections: outcome.connections }),
    ...(outcome.service === undefined ? {} : { service: outcome.service }),
    ...(several ? { match: cmd.match, pairs: outcome.pairs.map(pairDocument) } : {}),
    ...(cmd.explain && explanations.length > 0 ? { explanations } : {}),
  };
}

function pairDocument(pair: PairResult): object {
  return {
    from: pair.from.name,
    to: pair.to.name,
    ...(pair.port === undefined ? {} : { port: pair.port }),
    allowed: pair.state === 'allowed',
    ...(pair.connections === undefined ? {} : { connections: pair.connections }),
  };
}

/** When the pairs behind the endpoints do not all get the same answer, lists them. */
function pairNotes(outcome: QueryOutcome, match: 'any' | 'all'): string[] {
  const { pairs } = outcome;
  const words = pairs.map((p) => pairWord(p, outcome.asked));
  if (new Set(words).size <= 1) return [];
  const allowedCount = pairs.filter((p) => p.state === 'allowed').length;
  const head =
    outcome.asked === 'none'
      ? `note: the pairs behind these endpoints may use different ports (${match === 'all' ? 'showing what every pair may use' : 'showing what some pair may use, --match any'}):`
      : match === 'all'
        ? `note: ${outcome.allowed ? 'yes' : 'no'}, because not every ${pairNoun(pairs)} is allowed (${allowedCount} of ${pairs.length} are):`
        : `note: ${outcome.allowed ? 'yes, because some pair is allowed' : 'no, because no pair is allowed'} (--match any; ${allowedCount} of ${pairs.length} are):`;
  const lines = pairs
    .slice(0, MAX_LISTED_PAIRS)
    .map((p, i) => `  ${p.from.name} -> ${p.to.name}${pairTraffic(outcome, p)}: ${words[i]}`);
  if (pairs.length > MAX_LISTED_PAIRS)
    lines.push(`  ... and ${pairs.length - MAX_LISTED_PAIRS} more pairs`);
  return [head, ...lines];
}

/** `pod pair` when both ends are pods, else `pair`. */
function pairNoun(pairs: readonly PairResult[]): string {
  return pairs.every((p) => p.from.pod !== undefined && p.to.pod !== undefined)
    ? 'pod pair'
    : 'pair';
}

function pairTraffic(outcome: QueryOutcome, pair: PairResult): string {
  if (pair.port !== undefined) return ` ${outcome.protocol}/${pair.port}`;
  if (outcome.asked === 'range') return ` ${outcome.trafficText}`;
  return '';
}

/** One line per pair (prefixed with the pair when there are several), then the assumptions. */
function explanationLines(outcome: QueryOutcome): string[] {
  const lines: string[] = [];
  const explained = outcome.pairs.filter((p) => p.explanation !== undefined);
  if (explained.length === 0) {
    lines.push('note: --explain needs one port; the connections of each pair are:');
    for (const p of outcome.pairs.slice(0, MAX_LISTED_PAIRS)) {
      lines.push(`  ${p.from.name} -> ${p.to.name}: ${formatConnectionSet(p.connections ?? {})}`);
    }
    return lines;
  }
  for (const p of explained) {
    if (!p.explanation) continue;
    const text = formatExplanation(p.explanation);
    lines.push(explained.length === 1 ? text : `${p.from.name} -> ${p.to.name}: ${text}`);
  }
  const first = explained[0]?.explanation;
  if (first) lines.push(formatAssumptions(first));
  return lines;
}

/** What an endpoint can be, for the help of every command that takes one. */
const ENDPOINTS_HELP = `
Endpoints:
  NAMESPACE/NAME       a Pod, or a workload: its Pods in the manifests, if
                       any, else its pod template
  NAMESPACE/KIND/NAME  the same, by kind (any case): pod (po), deployment
                       (deploy), statefulset (sts), daemonset (ds), replicaset
                       (rs), replicationcontroller (rc), job, cronjob (cj)
  NAMESPACE/svc/NAME   a Service: its backing pods; --port is a Service port,
                       translated to its targetPort (policies see pod ports)
  NAME, KIND/NAME      the same, in the namespace of -n
  NAMESPACE/[k=v,...]  a hypothetical new pod with exactly these labels
                       (k!=v: it does not carry k=v); [k=v] uses -n
  IP                   an IPv4 or IPv6 address: the pod that has it, or else
                       an address outside the cluster
  CIDR                 every address of the block (203.0.113.0/24)
  external, world      every public IPv4 address outside the cluster, pod
                       IPs and --cluster-cidr
  An endpoint that stands for several pods or address ranges is allowed only
  if all pairs are (--match all), or if some pair is (--match any).

Ports:
  --port 8080, --port http (a named port of TO), --port 53/udp,
  --port 8000-8080 (allowed when every port is); no --port: which ports?`;

function queryHelp(name: string): string {
  return `${ENDPOINTS_HELP}
${examples([
  `${name} query -f k8s/ ops/ci-runner production/deployment/web --port 80`,
  `${name} query -f k8s/ -R -n production deploy/api deploy/web --port http`,
  `${name} query -f k8s/ shop/deploy/web shop/svc/db --port 5432 --explain`,
  `${name} query -f k8s/ dev/debug kube-system/coredns --port 53/udp`,
  `${name} query -f k8s/ 'shop/[app=web]' shop/deploy/api`,
  `${name} query -f k8s/ external shop/deploy/web --port 443 --match any`,
  `cat all.yaml | ${name} query -f - 198.51.100.7 shop/web --port 443 -o json`,
  `${name} query -q -f k8s/ ops/ci-runner shop/web --port 80 && echo reachable`,
])}

Exit codes:
  0  allowed (without --port: some port is allowed)
  1  denied (without --port: no port is)
  2  invalid input: bad manifests, unknown endpoint or port name, bad flags`;
}
