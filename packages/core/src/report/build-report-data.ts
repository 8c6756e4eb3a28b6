import type { ConnectivityDiff } from '../diff/index.js';
import { diff } from '../diff/index.js';
import type { Finding } from '../lint/index.js';
import { formatFindingObject, lint } from '../lint/index.js';
import type { ConnectionSet } from '../model/index.js';
import { unionSets } from '../net/index.js';
import type { ReportData, ReportDiff, ReportFinding } from '../page/index.js';
import { anchorOf, encodeCluster } from '../page/index.js';
import type { Engine } from '../query/index.js';
import { formatConnectionSet } from '../query/index.js';
import { layoutGraph } from './layout.js';

/** Options of {@link buildReportData} and `renderReport`. */
export interface ReportOptions {
  /** What was read, for the title and heading (`examples/shop`). */
  readonly source: string;
  /** The namespace of endpoints that name none in the query panel; default `default`. */
  readonly defaultNamespace?: string;
  /** Diff mode: the engine of the base manifests, and how to name them. */
  readonly base?: { readonly engine: Engine; readonly source: string };
  /** Lint findings to list; computed with `lint` when absent. */
  readonly findings?: readonly Finding[];
}

/** Name of the graph node that stands for every address outside the cluster. */
export const EXTERNAL_NODE = 'external';

/**
 * The data of the report page for an engine: summary counts, the pod groups and their
 * connections the heatmap sums, the workload graph with its layout, lint findings, the diff
 * against a base in diff mode, and the cluster itself for the page's query panel.
 *
 * @param engine - the compiled cluster
 * @param options - the source name, default namespace, optional base and findings
 * @returns plain JSON-ready data
 */
export function buildReportData(engine: Engine, options: ReportOptions): ReportData {
  const cluster = engine.cluster;
  const namespaces = cluster.namespaces.map((ns) => ns.name);
  const nsIndex = new Map(namespaces.map((name, i) => [name, i]));
  const portSets: ConnectionSet[] = [];
  const portSetIndex = new Map<string, number>();
  const setIndex = (set: ConnectionSet): number => {
    const key = JSON.stringify(set);
    let at = portSetIndex.get(key);
    if (at === undefined) {
      at = portSets.length;
      portSets.push(set);
      portSetIndex.set(key, at);
    }
    return at;
  };

  // Heatmap: pods with identical connections form one group; a cell is a sum over groups.
  const podNs = new Map(engine.pods.map((p) => [`${p.namespace}/${p.name}`, p.namespace]));
  const grouped = engine.groupedConnections('pod');
  const podGroups = grouped.groups.map((names) => {
    const counts = new Map<number, number>();
    for (const name of names) {
      const ns = nsIndex.get(podNs.get(name) ?? '') ?? 0;
      counts.set(ns, (counts.get(ns) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => a[0] - b[0]) as [number, number][];
  });
  const podGroupEdges: [number, number, number][] = [];
  for (const c of grouped.connections) {
    if (typeof c.from === 'number' && typeof c.to === 'number') {
      podGroupEdges.push([c.from, c.to, setIndex(c.allowed)]);
    }
  }

  // Workload graph: workloads (bare pods alone) and one `external` node for every address range.
  const groups = engine.groups('workload');
  const nodeIndex = new Map<string, number>();
  const nodeInput = groups.map((g, i) => {
    nodeIndex.set(g.id, i);
    return { name: g.id, namespace: nsIndex.get(g.namespace) ?? 0, pods: g.pods.length };
  });
  const external = nodeInput.length;
  const edgeSets = new Map<string, ConnectionSet>();
  for (const c of engine.eachConnection('workload')) {
    const from = nodeIndex.get(c.from) ?? external;
    const to = nodeIndex.get(c.to) ?? external;
    const key = `${from},${to}`;
    const before = edgeSets.get(key);
    edgeSets.set(key, before === undefined ? c.allowed : unionSets(before, c.allowed));
  }
  const usesExternal = [...edgeSets.keys()].some((k) => k.split(',').includes(String(external)));
  const allNodes = usesExternal
    ? [...nodeInput, { name: EXTERNAL_NODE, namespace: -1, pods: 0 }]
    : nodeInput;
  const edges = [...edgeSets].map(([key, set]) => {
    const [from, to] = key.split(',').map(Number) as [number, number];
    return [from, to, setIndex(set)] as const;
  });
  const positions = layoutGraph(allNodes, edges, namespaces.length);
  const nodes = allNodes.map((n, i) => ({ ...n, ...(positions[i] ?? { x: 0, y: 0 }) }));

  const findings: ReportFinding[] = (options.findings ?? lint(cluster, { engine })).map((f) => ({
    severity: f.severity,
    code: f.code,
    object: formatFindingObject(f),
    anchor: anchorOf(
      f.object.kind,
      f.object.namespace === undefined ? f.object.name : `${f.object.namespace}/${f.object.name}`,
    ),
    message: f.path === '' ? f.message : `${f.path}: ${f.message}`,
  }));

  let isolatedIngress = 0;
  let isolatedEgress = 0;
  let unselected = 0;
  for (const pod of engine.pods) {
    const ingress = engine.isolation(pod, 'ingress').length > 0;
    const egress = engine.isolation(pod, 'egress').length > 0;
    if (ingress) isolatedIngress++;
    if (egress) isolatedEgress++;
    if (!ingress && !egress) unselected++;
  }

  const data: ReportData = {
    source: options.source,
    profile: Object.entries(engine.options)
      .map(([k, v]) => `${k}=${v}`)
      .join(', '),
    semantics: engine.options,
    defaultNamespace: options.defaultNamespace ?? 'default',
    summary: {
      namespaces: namespaces.length,
      pods: engine.pods.length,
      workloads: groups.length,
      policies: cluster.policies.length,
      isolatedIngress,
      isolatedEgress,
      unselected,
    },
    namespaces,
    portSets,
    podGroups,
    podGroupEdges,
    nodes,
    edges,
    findings,
    policies: cluster.policies.map((p) => ({
      name: `${p.namespace}/${p.name}`,
      anchor: anchorOf('NetworkPolicy', `${p.namespace}/${p.name}`),
      ...(p.source === undefined ? {} : { file: p.source.file }),
    })),
    cluster: encodeCluster(cluster),
  };
  if (options.base === undefined) return data;
  const changes = diff(options.base.engine, engine, {
    by: 'workload',
    clusters: { before: options.base.engine.cluster, after: cluster },
  });
  return { ...data, diff: reportDiff(changes, options.base.source) };
}

/** `reach diff`'s three lists, each pair with its port sets as text. */
function reportDiff(changes: ConnectivityDiff, base: string): ReportDiff {
  return {
    base,
    added: changes.added.map((c) => ({
      from: c.from,
      to: c.to,
      ports: formatConnectionSet(c.allowed),
    })),
    removed: changes.removed.map((c) => ({
      from: c.from,
      to: c.to,
      ports: formatConnectionSet(c.allowed),
    })),
    changed: changes.changed.map((c) => ({
      from: c.from,
      to: c.to,
      ports: `${formatConnectionSet(c.before)} -> ${formatConnectionSet(c.after)}`,
    })),
  };
}
