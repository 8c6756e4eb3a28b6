import type { Sink } from './sink.js';
import { writeAll } from './sink.js';

/** A Graphviz DOT identifier, always quoted. */
export function dotId(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * Attributes of a node or edge, in order; values are written as given (quote text with
 * {@link dotId}; `green`, `2` need none).
 */
export type DotAttributes = Readonly<Record<string, string>>;

/** One node, with attributes. */
export interface DotNode {
  readonly id: string;
  readonly attributes?: DotAttributes;
}

/** One edge of a graph; `label` (quoted by the writer) is shown on the edge, after attributes. */
export interface DotEdge {
  readonly from: string;
  readonly to: string;
  readonly attributes?: DotAttributes;
  readonly label?: string;
}

/** A directed graph to write as `digraph NAME`. */
export interface DotGraph {
  /** A DOT identifier, unquoted; `reach` by default. */
  readonly name?: string;
  /** The graph's caption. */
  readonly label?: string;
  /** Nodes to declare first (also those without edges), in order. */
  readonly nodes?: readonly (string | DotNode)[];
  /** Iterated once. */
  readonly edges: Iterable<DotEdge>;
}

/** ` [k=v, label="..."]`, or nothing. */
function attributeList(attributes: DotAttributes | undefined, label?: string): string {
  const parts = Object.entries(attributes ?? {}).map(([k, v]) => `${k}=${v}`);
  if (label !== undefined) parts.push(`label=${dotId(label)}`);
  return parts.length === 0 ? '' : ` [${parts.join(', ')}]`;
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
  yield `digraph ${graph.name ?? 'reach'} {\n`;
  if (graph.label !== undefined) yield `  label=${dotId(graph.label)};\n`;
  for (const node of graph.nodes ?? []) {
    const { id, attributes } =
      typeof node === 'string' ? { id: node, attributes: undefined } : node;
    yield `  ${dotId(id)}${attributeList(attributes)};\n`;
  }
  for (const e of graph.edges) {
    yield `  ${dotId(e.from)} -> ${dotId(e.to)}${attributeList(e.attributes, e.label)};\n`;
  }
  yield '}\n';
}
