import { UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';

// The package is CommonJS (`module.exports = layout`) with ES-style typings: Node's and the
// bundlers' default import is the function itself, which the typings call `.default`.
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;

/** A node to place: its namespace index, or -1 for `external`. */
export interface LayoutInput {
  readonly namespace: number;
}

/**
 * Positions for the workload graph: ForceAtlas2 (graphology's layout package) over the
 * allowed connections, plus one hidden hub per namespace tied to its workloads, so each
 * namespace stays a visible group. Namespaces start on a circle and their workloads around
 * their hub, which lets a few iterations suffice: the count shrinks as the graph grows, so
 * 2,000 workloads and 20,000 edges lay out in about a second.
 */
export function layoutGraph(
  nodes: readonly LayoutInput[],
  edges: readonly (readonly [number, number, number])[],
  namespaceCount: number,
): { x: number; y: number }[] {
  const graph = new UndirectedGraph();
  const ring = Math.max(1, Math.sqrt(nodes.length)) * 10;
  for (let ns = -1; ns < namespaceCount; ns++) {
    const angle = (2 * Math.PI * (ns + 1)) / (namespaceCount + 1);
    graph.addNode(`hub${ns}`, { x: ring * Math.cos(angle), y: ring * Math.sin(angle), size: 1 });
  }
  nodes.forEach((node, i) => {
    const hub = graph.getNodeAttributes(`hub${node.namespace}`) as { x: number; y: number };
    const angle = i * 2.399963;
    const r = 2 + Math.sqrt(i % 97);
    graph.addNode(`n${i}`, { x: hub.x + r * Math.cos(angle), y: hub.y + r * Math.sin(angle) });
    graph.addEdge(`n${i}`, `hub${node.namespace}`, { weight: 4 });
  });
  for (const [from, to] of edges) {
    if (from === to) continue;
    const a = `n${from}`;
    const b = `n${to}`;
    if (!graph.hasEdge(a, b)) graph.addEdge(a, b, { weight: 1 });
  }
  const iterations = nodes.length > 1000 ? 40 : nodes.length > 200 ? 100 : 300;
  const positions = forceAtlas2(graph, {
    iterations,
    getEdgeWeight: 'weight',
    settings: {
      ...forceAtlas2.inferSettings(graph),
      barnesHutOptimize: nodes.length > 200,
      gravity: 1,
      scalingRatio: 10,
    },
  });
  return nodes.map((_, i) => {
    const p = positions[`n${i}`] ?? { x: 0, y: 0 };
    return { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
  });
}
