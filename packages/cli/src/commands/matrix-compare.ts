import type { Cluster, KnobName, ProfileComparison } from '@kube-reach/core';
import { compareProfiles, formatConnectionSet, formatKnob, resolveProfile } from '@kube-reach/core';
import type { ManifestOptions } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import { semanticsOf } from '../evaluate.js';
import type { Io } from '../io.js';
import { writeDocument } from '../render.js';

/** What the comparison reads of `reach matrix`'s command. */
export interface CompareCommand extends ManifestOptions {
  readonly by: 'pod' | 'workload';
  readonly port?: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly onlyNamespace?: string;
  readonly output: string;
}

/**
 * `reach matrix --cni a,b[,c]`: only the pairs where the profiles disagree, with the knob that
 * causes each difference. `-o json` / `-o yaml` give a `ProfileComparison` document.
 */
export async function runMatrixCompare(
  cmd: CompareCommand,
  cluster: Cluster,
  io: Io,
  fields: object,
): Promise<number> {
  const { cni: _first, ...given } = semanticsOf(cmd);
  const comparison = restrict(compareProfiles(cluster, cmd.cnis ?? [], cmd.by, given), cmd);
  if (cmd.output === 'json' || cmd.output === 'yaml') {
    await writeDocument(io, cmd.output, {
      apiVersion: API_VERSION,
      kind: 'ProfileComparison',
      ...comparison,
      ...fields,
    });
    return ExitCode.ok;
  }
  if (cmd.output !== 'table') {
    io.stderr(`error: reach matrix --cni with several profiles prints -o table, json or yaml\n`);
    return ExitCode.invalid;
  }
  for (const line of comparisonLines(comparison, cmd.port, cmd.protocol)) io.stdout(`${line}\n`);
  return ExitCode.ok;
}

/** With `-n`, only pairs with an end in the namespace; with `--port`, only pairs it changes. */
function restrict(c: ProfileComparison, cmd: CompareCommand): ProfileComparison {
  const ns = cmd.onlyNamespace;
  const inNs = (id: string): boolean => ns === undefined || id.startsWith(`${ns}/`);
  const port = cmd.port;
  const allows = (set: ProfileComparison['differences'][number]['connections'][string]): boolean =>
    port === undefined ||
    set === 'all' ||
    (set[cmd.protocol] ?? []).some(([first, last]) => first <= port && port <= last);
  return {
    ...c,
    differences: c.differences.filter((d) => {
      if (!inNs(d.from) || !inNs(d.to)) return false;
      if (port === undefined) return true;
      const answers = Object.values(d.connections).map(allows);
      return answers.some((a) => a !== answers[0]);
    }),
  };
}

/** The table: one block per pair, one line per profile, the knobs after each that differs. */
export function comparisonLines(
  c: ProfileComparison,
  port: number | undefined,
  protocol: string,
): string[] {
  const what = port === undefined ? 'connections' : `${protocol}/${port}`;
  const lines: string[] = [];
  if (c.differences.length === 0) {
    lines.push(`${c.profiles.join(', ')}: no pair differs (${what})`);
  } else {
    lines.push(
      `${c.differences.length} pair${c.differences.length === 1 ? '' : 's'} where ${c.profiles.join(', ')} disagree (${what}; baseline ${c.profiles[0]}):`,
    );
  }
  const width = Math.max(...c.profiles.map((p) => p.length));
  for (const d of c.differences) {
    lines.push(`${d.from} -> ${d.to}`);
    for (const p of c.profiles) {
      const set = d.connections[p] ?? {};
      const text =
        port === undefined
          ? formatConnectionSet(set)
          : set === 'all' ||
              (set[protocol as 'TCP'] ?? []).some(([first, last]) => first <= port && port <= last)
            ? 'allowed'
            : 'denied';
      const knobs = d.knobs[p];
      const cause =
        knobs === undefined
          ? ''
          : knobs.length > 0
            ? `   <- ${knobs.map((k) => knobText(p, k)).join(', ')}`
            : '   <- a combination of knobs';
      lines.push(`  ${p.padEnd(width)}  ${text}${cause}`);
    }
  }
  return lines;
}

/** `endPort=ignored`: the knob with the value the profile gives it. */
function knobText(profile: string, knob: KnobName): string {
  return formatKnob(knob, resolveProfile(profile).knobs);
}
