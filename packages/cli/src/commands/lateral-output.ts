import type {
  BlastRadiusResult,
  DirectionVerdict,
  ExposureResult,
  PathHop,
  PathsResult,
  RuleRef,
  SegmentsResult,
  WitnessPath,
} from '@kube-reach/core';
import { formatConnectionSet } from '@kube-reach/core';
import type { DotEdge } from '@kube-reach/core/format';
import { writeDot, writeMarkdownTable, writeTable } from '@kube-reach/core/format';
import { API_VERSION } from '../command.js';
import type { Io } from '../io.js';
import { stdoutSink } from '../io.js';
import { plural, writeDocument } from '../render.js';

// How `reach path`, `reach blast-radius`, `reach exposure` and `reach segments` print their
// answers. The answers themselves come from core's paths/; the documents are the core results
// with `apiVersion` and `kind` in front.

/** The `-o` formats of the four commands. */
export type LateralFormat = 'table' | 'json' | 'yaml' | 'md' | 'dot';

export const LATERAL_FORMATS: readonly LateralFormat[] = ['table', 'json', 'yaml', 'md', 'dot'];

/** One of the four answers, with its document kind. */
export type LateralAnswer =
  | { readonly kind: 'Paths'; readonly result: PathsResult }
  | { readonly kind: 'BlastRadius'; readonly result: BlastRadiusResult }
  | { readonly kind: 'Exposure'; readonly result: ExposureResult }
  | { readonly kind: 'Segments'; readonly result: SegmentsResult };

/** `shop/web-egress egress[0]`. */
function ruleText(r: RuleRef): string {
  return `${r.policy.namespace}/${r.policy.name} ${r.direction}[${r.ruleIndex}]`;
}

/** One side of a hop: the rules that allow it, or `not isolated`. */
function sideText(side: DirectionVerdict | undefined): string {
  if (side === undefined) return '-';
  if (!side.isolated) return 'not isolated';
  return side.allowedBy.map(ruleText).join(', ');
}

/** `TCP/8080`, or `any` for a hop on every port (to an external range, or with --any-port). */
const portText = (hop: PathHop): string =>
  hop.ports === 'all' ? 'any' : `${hop.protocol}/${hop.port}`;

/** `a -TCP/8080-> b -TCP/5432-> c`. */
function chainText(path: WitnessPath): string {
  const parts = [path.steps[0]?.name ?? ''];
  for (const [i, hop] of path.hops.entries()) {
    parts.push(`-${portText(hop)}->`, path.steps[i + 1]?.name ?? '');
  }
  return parts.join(' ');
}

/** `via a, b` for the steps between the first and the last; `-` for a one-hop path. */
function viaText(path: WitnessPath): string {
  const inner = path.steps.slice(1, -1).map((s) => s.name);
  return inner.length === 0 ? '-' : inner.join(', ');
}

function tableOf(answer: LateralAnswer): { headers: string[]; rows: string[][] } {
  switch (answer.kind) {
    case 'Paths':
      return {
        headers: ['PATH', 'HOP', 'FROM', 'TO', 'PORT', 'EGRESS ALLOWED BY', 'INGRESS ALLOWED BY'],
        rows: answer.result.paths.flatMap((p, i) =>
          p.hops.map((h, j) => [
            `${i + 1}`,
            `${j + 1}`,
            h.from,
            h.to,
            portText(h),
            sideText(h.egress),
            sideText(h.ingress),
          ]),
        ),
      };
    case 'BlastRadius':
      return {
        headers: ['HOPS', 'KIND', 'ENDPOINT', 'VIA', 'PORTS'],
        rows: answer.result.reached.flatMap((r) =>
          r.endpoints.map((e) => [
            `${r.distance}`,
            r.kind,
            e,
            viaText(r.path),
            r.path.hops.map(portText).join(' '),
          ]),
        ),
      };
    case 'Exposure':
      return {
        headers: ['HOPS', 'WORKLOAD', 'PODS', 'CHAIN'],
        rows: answer.result.exposed.map((x) => [
          `${x.distance}`,
          x.workload,
          `${x.pods}`,
          chainText(x.path),
        ]),
      };
    case 'Segments':
      return {
        headers: ['SEGMENT', 'PODS', 'FLAT', 'NAMESPACES', 'PORTS', 'MEMBERS'],
        rows: answer.result.segments.map((s, i) => [
          `${i + 1}`,
          `${s.size}`,
          s.flat ? 'yes' : 'no',
          s.namespaces.join(','),
          formatConnectionSet(s.ports),
          s.pods.length <= 3
            ? s.pods.join(', ')
            : `${s.pods.slice(0, 3).join(', ')} and ${s.pods.length - 3} more`,
        ]),
      };
  }
}

/** The answer's second table, when it has one: exposure's targets. */
function targetTable(answer: LateralAnswer): { headers: string[]; rows: string[][] } | undefined {
  if (answer.kind !== 'Exposure' || answer.result.targets.length === 0) return undefined;
  return {
    headers: ['TARGET', 'HOPS', 'CHAIN'],
    rows: answer.result.targets.map((t) => [
      t.target,
      t.distance === null ? 'none' : `${t.distance}`,
      t.path === null ? 'not reachable from outside' : chainText(t.path),
    ]),
  };
}

/** The witness paths of an answer as graph edges (each hop once). */
function* dotEdges(answer: LateralAnswer): Generator<DotEdge, void, undefined> {
  const seen = new Set<string>();
  const paths: WitnessPath[] =
    answer.kind === 'Paths'
      ? [...answer.result.paths]
      : answer.kind === 'BlastRadius'
        ? answer.result.reached.map((r) => r.path)
        : answer.kind === 'Exposure'
          ? [
              ...answer.result.exposed.map((x) => x.path),
              ...answer.result.targets.flatMap((t) => (t.path === null ? [] : [t.path])),
            ]
          : [];
  for (const path of paths) {
    for (const hop of path.hops) {
      const key = `${hop.from}\n${hop.to}\n${portText(hop)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      yield { from: hop.from, to: hop.to, label: portText(hop) };
    }
  }
  if (answer.kind === 'Segments') {
    for (const [i, s] of answer.result.segments.entries()) {
      for (const pod of s.pods) {
        yield { from: `segment ${i + 1}`, to: pod, attributes: { style: 'dashed' } };
      }
    }
  }
}

/** A one-line summary for the table and md formats, on standard error. */
export function summary(answer: LateralAnswer): string {
  switch (answer.kind) {
    case 'Paths': {
      const r = answer.result;
      return r.distance === null
        ? `No path from ${r.from} to ${r.to}${r.maxHops === null ? '' : ` within ${plural(r.maxHops, 'hop')}`}.`
        : `${r.from} reaches ${r.to} in ${r.distance} hop${r.distance === 1 ? '' : 's'}.`;
    }
    case 'BlastRadius': {
      const r = answer.result;
      const counts = r.byDistance.map(
        (c, i) =>
          `in ${plural(i + 1, 'hop')} ${plural(c.pods, 'pod')} and ${plural(c.addresses, 'address range')}`,
      );
      return `${r.from} reaches ${counts.length === 0 ? 'nothing' : counts.join(', ')}.`;
    }
    case 'Exposure':
      return `${plural(answer.result.exposed.length, 'workload')} reachable from ${answer.result.from}.`;
    case 'Segments': {
      const r = answer.result;
      return `${plural(r.segments.length, 'segment')} over ${plural(r.graph.nodes, 'graph node')} and ${plural(r.graph.edges, 'edge')}.`;
    }
  }
}

/** Writes an answer to standard output in the `-o` format. */
export async function writeLateral(
  io: Io,
  format: LateralFormat,
  answer: LateralAnswer,
): Promise<void> {
  if (format === 'json' || format === 'yaml') {
    await writeDocument(io, format, {
      apiVersion: API_VERSION,
      kind: answer.kind,
      ...answer.result,
    });
    return;
  }
  if (format === 'dot') {
    await writeDot(
      { name: 'reach', label: summary(answer), edges: dotEdges(answer) },
      stdoutSink(io),
    );
    return;
  }
  const tables = [tableOf(answer), targetTable(answer)].filter((t) => t !== undefined);
  for (const [i, t] of tables.entries()) {
    if (t.rows.length === 0) continue;
    if (i > 0) await io.stdout('\n');
    if (format === 'md') await writeMarkdownTable(t, stdoutSink(io));
    else await writeTable(t, stdoutSink(io));
  }
}
