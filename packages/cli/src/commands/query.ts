import type { Cluster, Endpoint, Explanation, Protocol } from '@kube-reach/core';
import {
  formatAssumptions,
  formatEndpoint,
  formatExplanation,
  formatIssue,
  isAddress,
  ReachError,
} from '@kube-reach/core';
import type { QueryCommand } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import { createEngine } from '../evaluate.js';
import type { Io } from '../io.js';
import { loadCluster } from '../load-cluster.js';
import { printEndpointError, printErrors } from '../print.js';
import { renderDocument } from '../render.js';
import type { ResolvedEndpoint } from '../resolve-endpoint.js';
import { resolveEndpoint } from '../resolve-endpoint.js';

/** The answer for one pair of pods (or addresses) behind the two endpoints. */
interface PairVerdict {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly allowed: boolean;
  /** With `--explain`: why. */
  readonly explanation?: Explanation;
}

/** `reach query`: exit 0 when allowed, 1 when denied, 2 for invalid input. */
export async function runQuery(cmd: QueryCommand, io: Io): Promise<number> {
  const loaded = await loadCluster(io, cmd);
  if (!loaded.ok) {
    // Errors are printed even with -q: exit code 2 needs its reason.
    for (const issue of loaded.issues) io.stderr(`${formatIssue(issue)}\n`);
    return ExitCode.invalid;
  }
  if (!cmd.quiet) for (const issue of loaded.issues) io.stderr(`${formatIssue(issue)}\n`);
  const { cluster } = loaded;

  const from = resolveEndpoint(cluster, cmd.from, cmd.namespace);
  const to = resolveEndpoint(cluster, cmd.to, cmd.namespace);
  if (!from.ok || !to.ok) {
    if (!from.ok) printEndpointError(io, from.error);
    if (!to.ok) printEndpointError(io, to.error);
    return ExitCode.invalid;
  }

  const ports = destinationPorts(cluster, cmd, to.endpoint);
  if (!ports.ok) return printErrors(io, [ports.error]);

  const engine = createEngine(cluster, cmd);
  const verdicts: PairVerdict[] = [];
  try {
    for (const source of from.endpoint.targets) {
      for (const [index, destination] of to.endpoint.targets.entries()) {
        const port = ports.ports[index] ?? 0;
        const traffic = { port, protocol: cmd.protocol };
        const allowed = engine.canReach(source, destination, traffic);
        const explanation = cmd.explain ? engine.explain(source, destination, traffic) : undefined;
        verdicts.push({
          from: source,
          to: destination,
          port,
          allowed,
          ...(explanation ? { explanation } : {}),
        });
      }
    }
  } catch (error) {
    if (error instanceof ReachError) return printErrors(io, [error.message]);
    throw error;
  }

  const allowed = verdicts.every((v) => v.allowed);
  const code = allowed ? ExitCode.ok : ExitCode.denied;
  if (cmd.quiet) return code;

  const uniquePorts = [...new Set(ports.ports)];
  const port = uniquePorts.length === 1 ? uniquePorts[0] : undefined;
  const notes = [
    ...[...from.endpoint.notes, ...to.endpoint.notes].map((note) => `note: ${note}`),
    ...disagreementNotes(verdicts, cmd.protocol),
  ];
  if (cmd.output === 'table') {
    const portText = port === undefined ? (cmd.port.kind === 'name' ? cmd.port.name : '?') : port;
    const named = cmd.port.kind === 'name' && port !== undefined ? ` (${cmd.port.name})` : '';
    io.stdout(`${allowed ? 'yes' : 'no'}\n`);
    io.stdout(
      `${from.endpoint.name} -> ${to.endpoint.name} ${cmd.protocol}/${portText}${named}: ${verdictWord(allowed)}\n`,
    );
    for (const note of notes) io.stdout(`${note}\n`);
    if (cmd.explain) for (const line of explanationLines(verdicts)) io.stdout(`${line}\n`);
    return code;
  }

  for (const note of notes) io.stderr(`${note}\n`);
  io.stdout(
    renderDocument(cmd.output, {
      apiVersion: API_VERSION,
      kind: 'ReachabilityQuery',
      from: from.endpoint.name,
      to: to.endpoint.name,
      traffic: {
        port: port ?? (cmd.port.kind === 'name' ? cmd.port.name : null),
        protocol: cmd.protocol,
      },
      allowed,
      ...(cmd.explain ? { explanations: verdicts.map((v) => v.explanation) } : {}),
    }),
  );
  return code;
}

/** One line per pod pair (prefixed with the pair when there are several), then the assumptions. */
function explanationLines(verdicts: readonly PairVerdict[]): string[] {
  const lines: string[] = [];
  for (const v of verdicts) {
    if (!v.explanation) continue;
    const text = formatExplanation(v.explanation);
    lines.push(
      verdicts.length === 1
        ? text
        : `${formatEndpoint(v.from)} -> ${formatEndpoint(v.to)}: ${text}`,
    );
  }
  const first = verdicts[0]?.explanation;
  if (first) lines.push(formatAssumptions(first));
  return lines;
}

type PortsResult =
  | { readonly ok: true; readonly ports: readonly number[] }
  | { readonly ok: false; readonly error: string };

/**
 * The port number for each destination target: `--port` itself, or the container port of that
 * name and protocol on each destination pod.
 */
function destinationPorts(cluster: Cluster, cmd: QueryCommand, to: ResolvedEndpoint): PortsResult {
  const { port } = cmd;
  if (port.kind === 'number') return { ok: true, ports: to.targets.map(() => port.port) };
  const ports: number[] = [];
  for (const target of to.targets) {
    if (isAddress(target)) {
      return {
        ok: false,
        error: `--port ${port.name} names a container port, but ${to.name} is an address outside the cluster; give a port number`,
      };
    }
    const pod = cluster.pods.find(
      (p) => p.namespace === target.namespace && p.name === target.name,
    );
    const containerPorts = pod?.ports ?? [];
    const match = containerPorts.find((p) => p.name === port.name && p.protocol === cmd.protocol);
    if (match === undefined) {
      const named = containerPorts.filter((p) => p.name !== undefined);
      const known =
        named.length === 0
          ? 'it has no named ports'
          : `it has ${named.map((p) => `${p.name} (${p.protocol}/${p.containerPort})`).join(', ')}`;
      return {
        ok: false,
        error: `pod ${formatEndpoint(target)} has no ${cmd.protocol} container port named "${port.name}"; ${known}`,
      };
    }
    ports.push(match.containerPort);
  }
  return { ok: true, ports };
}

/** When the pods behind an endpoint do not all get the same answer, lists every pair. */
function disagreementNotes(verdicts: readonly PairVerdict[], protocol: Protocol): string[] {
  if (verdicts.every((v) => v.allowed) || verdicts.every((v) => !v.allowed)) return [];
  const allowedCount = verdicts.filter((v) => v.allowed).length;
  return [
    `note: no, because not every pod pair is allowed (${allowedCount} of ${verdicts.length} are):`,
    ...verdicts.map(
      (v) =>
        `  ${formatEndpoint(v.from)} -> ${formatEndpoint(v.to)} ${protocol}/${v.port}: ${verdictWord(v.allowed)}`,
    ),
  ];
}

function verdictWord(allowed: boolean): string {
  return allowed ? 'allowed' : 'denied';
}
