// Output formats, one file each. Every writer streams to a Sink (no Node API here: the CLI
// adapts process.stdout), so outputs far larger than memory allows as one string still work.

export { writeConnectionRowsJson } from './connection-rows-json.js';
export { csvField, writeCsv } from './csv.js';
export type { DotAttributes, DotEdge, DotGraph, DotNode } from './dot.js';
export { dotId, writeDot } from './dot.js';
export type {
  GroupedMatrixFormat,
  GroupedWriteOptions,
  MatrixAnswers,
  PodMatrixDocument,
} from './grouped-matrix.js';
export {
  expandMatrix,
  readConnectivityList,
  readReachabilityMatrix,
  writeGroupedConnectivity,
  writeGroupedMatrix,
} from './grouped-matrix.js';
export { connectionJson, writeJson } from './json.js';
export type { MatrixFormat, MatrixWriteOptions } from './matrix.js';
export { writeConnectivity, writeGroupMatrix } from './matrix.js';
export type { MarkdownTable } from './md.js';
export { mdCell, writeMarkdownTable } from './md.js';
export { writeNdjson } from './ndjson.js';
export type { Sink } from './sink.js';
export { ChunkWriter, collectingSink, writeAll } from './sink.js';
export type { StreamDocument } from './streamed.js';
export { Streamed, streamed } from './streamed.js';
export type { TableSpec } from './table.js';
export { columnWidths, formatTable, tableLine, writeTable } from './table.js';
export { writeYaml } from './yaml.js';
