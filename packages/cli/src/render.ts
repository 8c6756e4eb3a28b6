import type { StreamDocument } from '@kube-reach/core/format';
import { writeJson, writeYaml } from '@kube-reach/core/format';
import type { Io } from './io.js';
import { stdoutSink } from './io.js';

/**
 * Writes a machine-readable document as `-o json` (two-space indented, like kubectl) or
 * `-o yaml` prints it, streamed to standard output. Keys keep the order the object was built
 * in; `streamed(...)` fields are written as they are produced.
 */
export function writeDocument(io: Io, format: 'json' | 'yaml', doc: object): Promise<void> {
  const fields = doc as StreamDocument;
  return format === 'json' ? writeJson(fields, stdoutSink(io)) : writeYaml(fields, stdoutSink(io));
}

/** `1 file`, `2 files`; `nouns` when the plural is not `noun` + `s`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
