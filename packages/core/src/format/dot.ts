import type { Sink } from './sink.js';
import { writeAll } from './sink.js';

/** A Graphviz DOT identifier, always quoted. */
export function dotId(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** One edge of a graph; `label` is shown on the edge. */
export interface DotEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
}

/** A directed graph to write as `digraph reach`. */
export interface DotGraph {
  /** The graph's caption. */
  readonly label?: string;
  /** Nodes to declare first (also those without edges), in order. */
  readonly nodes?: readonly string[];
  /** Iterated once. */
  readonly edges: Iterable<DotEdge>;
}

/**
 * Writes a Graphviz `digraph`, one statement per line, edges as they come.
 * @param graph - caption, nodes and edges
 * @param sink - where the text goes; its promises are awaited
 */
export function writeDot(graph: DotGraph, sink: Sink): Promise<void> {
  return writeAll(sink, dotLines(graph));
}

function* dotLines(graph: DotGraph): Generator<string, void, undefined> {
  yield 'digraph reach {\n';
  if (graph.label !== undefined) yield `  label=${dotId(graph.label)};\n`;
  for (const node of graph.nodes ?? []) yield `  ${dotId(node)};\n`;
  for (const e of graph.edges) {
    const label = e.label === undefined ? '' : ` [label=${dotId(e.label)}]`;
    yield `  ${dotId(e.from)} -> ${dotId(e.to)}${label};\n`;
  }
  yield '}\n';
}
