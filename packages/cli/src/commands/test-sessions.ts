import type { Labels } from '@kube-reach/core';
import type { Expectation } from '../expectations.js';
import type { NamespaceLabels } from '../flags.js';
import type { Io } from '../io.js';
import type { Progress } from '../progress.js';
import type { Session, SessionOptions } from '../session.js';
import { openSession } from '../session.js';

/** The key of an expectation's session: its file and the CNI profile it is checked under. */
export function sessionKey(expectation: Expectation): string {
  return `${expectation.file}\u0000${expectation.cni ?? ''}`;
}

/**
 * One session per set of namespace labels the expectation files ask for (their
 * `namespaceLabels`, over `--namespace-labels`) and CNI profile the expectations name (theirs,
 * their file's, else `--cni`), each expectation mapped to its session by {@link sessionKey}.
 * The manifests are read once (standard input can only be) and each warning is printed once,
 * however many sessions there are. A number back is the exit code of manifests that did not
 * load.
 */
export async function openTestSessions(
  io: Io,
  cmd: SessionOptions,
  expectations: readonly Expectation[],
  labelsByFile: ReadonlyMap<string, NamespaceLabels>,
  progress: Progress,
): Promise<ReadonlyMap<string, Session> | number> {
  const keys = new Map<string, Expectation>();
  for (const e of expectations) if (!keys.has(sessionKey(e))) keys.set(sessionKey(e), e);
  const byKey = new Map<
    string,
    { labels: NamespaceLabels; cni: string | undefined; files: string[] }
  >();
  for (const [at, e] of keys) {
    const labels = { ...cmd.namespaceLabels, ...labelsByFile.get(e.file) };
    const key = `${labelsKey(labels)}\u0000${e.cni ?? ''}`;
    const group = byKey.get(key) ?? { labels, cni: e.cni, files: [] };
    group.files.push(at);
    byKey.set(key, group);
  }
  const shared = byKey.size > 1 ? readOnce(io) : io;
  const sessions = new Map<string, Session>();
  for (const { labels, cni, files: groupFiles } of byKey.values()) {
    const endpoints = expectations
      .filter((e) => groupFiles.includes(sessionKey(e)))
      .flatMap((e) => (e.lateral?.kind === 'maxBlastRadius' ? [e.from] : [e.from, e.to]));
    const options = {
      ...cmd,
      clusterCidrs: cmd.clusterCidrs,
      ...(cni === undefined ? {} : { cni }),
    };
    const session = await openSession(
      shared,
      Object.keys(labels).length === 0 ? options : { ...options, namespaceLabels: labels },
      endpoints,
      progress,
    );
    if (typeof session === 'number') return session;
    for (const file of groupFiles) sessions.set(file, session);
  }
  return sessions;
}

/** The labels in a canonical text, so that equal sets share a session. */
function labelsKey(labels: NamespaceLabels): string {
  const sorted = (m: Labels): string[][] => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((ns) => [ns, sorted(labels[ns] ?? new Map())]),
  );
}

/** `io` whose reads are remembered and whose stderr prints each text once. */
function readOnce(io: Io): Io {
  const files = new Map<string, ReturnType<Io['readFile']>>();
  let stdin: ReturnType<Io['readStdin']> | undefined;
  const printed = new Set<string>();
  return {
    stat: (path) => io.stat(path),
    readDir: (path) => io.readDir(path),
    readFile: (path, maxBytes) => {
      const key = `${maxBytes}\u0000${path}`;
      const read = files.get(key) ?? io.readFile(path, maxBytes);
      files.set(key, read);
      return read;
    },
    readStdin: (maxBytes) => {
      stdin ??= io.readStdin(maxBytes);
      return stdin;
    },
    stdout: (text) => io.stdout(text),
    stderr: (text) => {
      if (printed.has(text)) return;
      printed.add(text);
      io.stderr(text);
    },
    isTTY: io.isTTY,
    ...(io.stderrIsTTY === undefined ? {} : { stderrIsTTY: io.stderrIsTTY }),
    env: io.env,
    ...(io.git === undefined ? {} : { git: io.git }),
  };
}
