import { constants } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DirEntry, FileContent, ManifestFileSystem, PathKind } from './manifest-walker.js';

const CHUNK = 1 << 20;

/**
 * The walker's file system over `node:fs`. Reads stop one byte past the limit, whatever the
 * file is (a 2 GB file, `/dev/zero`, a pipe), so memory stays bounded.
 *
 * @param stdin - standard input as chunks. Default `process.stdin`.
 * @returns the adapter.
 */
export function nodeFileSystem(
  stdin: () => AsyncIterable<unknown> = () => process.stdin,
): ManifestFileSystem {
  return {
    stat: kindOf,
    readDir: async (path) => {
      const entries = await readdir(path, { withFileTypes: true });
      return Promise.all(
        entries.map(async (entry): Promise<DirEntry> => {
          const name = entry.name;
          if (entry.isDirectory()) return { name, kind: 'directory' };
          if (entry.isFile()) return { name, kind: 'file' };
          if (!entry.isSymbolicLink()) return { name, kind: 'other' };
          try {
            const target = await stat(join(path, name));
            if (target.isDirectory()) return { name, kind: 'directory-link' };
            return { name, kind: target.isFile() ? 'file' : 'other' };
          } catch (reason) {
            return { name, kind: 'broken', reason };
          }
        }),
      );
    },
    readFile: readCapped,
    readStdin: (maxBytes) => readStream(stdin(), maxBytes),
  };
}

async function kindOf(path: string): Promise<PathKind | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Reads a file, refusing it as soon as it passes `maxBytes` (its size first, when known). */
async function readCapped(path: string, maxBytes: number): Promise<FileContent> {
  const handle = await open(path, constants.O_RDONLY);
  try {
    const info = await handle.stat();
    if (info.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
    }
    if (info.isFile() && info.size > maxBytes) return { tooLarge: true };
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const buffer = new Uint8Array(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { tooLarge: true };
    }
    return concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** Reads a stream, stopping as soon as it passes `maxBytes`. */
export async function readStream(
  stream: AsyncIterable<unknown>,
  maxBytes: number,
): Promise<FileContent> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes =
      typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    chunks.push(bytes);
    total += bytes.byteLength;
    // Leaving the loop ends the stream: nothing more is read.
    if (total > maxBytes) return { tooLarge: true };
  }
  return concat(chunks, total);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
