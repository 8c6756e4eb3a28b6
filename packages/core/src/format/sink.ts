/**
 * Where a writer puts its output: `process.stdout` in the CLI (adapted), an array in tests. A
 * promise returned from `write` means "wait before writing more" (a full pipe); writers await it,
 * which is how backpressure reaches them.
 */
export interface Sink {
  write(chunk: string): void | Promise<void>;
}

/** Bytes (UTF-16 units) collected before one write to the sink. */
export const CHUNK: number = 64 * 1024;

/**
 * Collects small pieces of text into chunks of about 64 KiB for the sink, so a million cells do
 * not become a million writes. `put` returns a promise only when the sink asked to wait.
 */
export class ChunkWriter {
  private buffer = '';

  constructor(private readonly sink: Sink) {}

  /** Adds text; returns the sink's promise when a chunk went out and the sink is full. */
  put(text: string): void | Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= CHUNK) return this.flush();
    return undefined;
  }

  /** Writes what is collected. */
  flush(): void | Promise<void> {
    if (this.buffer === '') return undefined;
    const chunk = this.buffer;
    this.buffer = '';
    return this.sink.write(chunk);
  }
}

/**
 * Writes each piece of text in order through a {@link ChunkWriter}, waiting whenever the sink
 * is full, and flushes at the end.
 */
export async function writeAll(sink: Sink, pieces: Iterable<string>): Promise<void> {
  const out = new ChunkWriter(sink);
  for (const piece of pieces) {
    const wait = out.put(piece);
    if (wait !== undefined) await wait;
  }
  await out.flush();
}

/** A sink that keeps everything written, for tests and for callers that want a string. */
export function collectingSink(): Sink & { text(): string } {
  const chunks: string[] = [];
  return {
    write(chunk) {
      chunks.push(chunk);
    },
    text: () => chunks.join(''),
  };
}
