// The README tables of the whole-process benchmark, from saved results (results/cli.json): every
// command with its wall time, CPU time and peak RSS, and the peers' figures beside ours as ratios.

import type { CliResult } from './bench-cli.js';
import { CLI_COMMANDS } from './commands.js';
import { PEER_FIGURES } from './peers.js';

const GENERATORS = ['gen_cluster', 'gen_kano'];

function num(x: number): string {
  return x.toLocaleString('en-US');
}

function seconds(x: number | null): string {
  if (x === null) return '—';
  return x >= 100 ? `${Math.round(x)} s` : `${x.toFixed(x >= 10 ? 1 : 2)} s`;
}

function megabytes(x: number): string {
  if (x >= 1000) return `${(x / 1000).toFixed(2)} GB`;
  return x >= 10 ? `${Math.round(x)} MB` : `${x.toFixed(1)} MB`;
}

/** The peers' figures as their README gives them. */
function given(x: number | null): string {
  return x === null ? '—' : `${x} s`;
}

/** What happened, in a word: the figure of a run that failed is how it failed. */
export function outcome(r: CliResult): string {
  switch (r.status) {
    case 'ok':
      return r.exitCode === 0 ? 'ok' : `ok (exit ${r.exitCode})`;
    case 'timeout':
      return `**timeout** (${r.timeoutS} s)`;
    case 'crash':
      return `**crash**, exit ${r.exitCode}${r.signal === undefined ? '' : ` (signal ${r.signal})`}${r.stderrTail ? `: ${r.stderrTail.replace(/\|/g, '\\|').slice(0, 60)}` : ''}`;
    default:
      return `exit ${r.exitCode}`;
  }
}

function sortKey(r: CliResult): [number, number, number, number] {
  const g = GENERATORS.indexOf(r.generator);
  return [
    g < 0 ? GENERATORS.length : g,
    r.pods,
    r.policies,
    CLI_COMMANDS.findIndex((c) => c.name === r.command),
  ];
}

function compare(a: CliResult, b: CliResult): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < ka.length; i++) {
    const d = (ka[i] ?? 0) - (kb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.generator.localeCompare(b.generator);
}

/** One row per input and command: wall, CPU, peak RSS, output size, outcome, load average. */
export function wholeProcessTable(results: readonly CliResult[]): string {
  const header =
    '| input | pods / policies | command | wall | CPU | peak RSS | output | result | load (1 min) |';
  const rule = '|---|---|---|---|---|---|---|---|---|';
  const rows = [...results]
    .sort(compare)
    .map((r) =>
      [
        r.generator,
        `${num(r.pods)} / ${num(r.policies)}`,
        `\`${r.commandLine}\``,
        seconds(r.wallS),
        seconds(r.cpuS),
        megabytes(r.peakRssMB),
        megabytes(r.outputBytes / 1024 / 1024),
        outcome(r),
        String(r.loadBefore[0] ?? ''),
      ].join(' | '),
    );
  return [header, rule, ...rows.map((l) => `| ${l} |`)].join('\n');
}

function ratio(peer: number | null, ours: number): string {
  if (peer === null || ours <= 0) return '—';
  const x = Math.round((peer / ours) * 10) / 10;
  return `${x >= 10 ? Math.round(x) : x.toFixed(1)}×`;
}

/**
 * The peers' figures and ours on the same input, as ratios peer / kube-reach (above 1: kube-reach
 * is faster or smaller). Where kube-reach gave no answer, the ratio says so.
 */
export function peerTable(results: readonly CliResult[]): string {
  const header =
    '| peer | input | peer wall / CPU / peak RSS | kube-reach command | kube-reach wall / CPU / peak RSS | ratio wall / CPU / RSS |';
  const rule = '|---|---|---|---|---|---|';
  const rows = PEER_FIGURES.map((p) => {
    const ours = results.find(
      (r) =>
        r.generator === p.generator &&
        r.pods === p.pods &&
        r.policies === p.policies &&
        r.command === p.command,
    );
    const peer = `${given(p.wallS)}${p.note ? ` (${p.note})` : ''} / ${given(p.cpuS)} / ${megabytes(p.peakRssMB)}`;
    const input = `${p.generator} ${num(p.pods)} / ${num(p.policies)}`;
    if (!ours) return [p.peer, input, peer, `\`${p.command}\``, 'not measured yet', '—'];
    const figures = `${seconds(ours.wallS)} / ${seconds(ours.cpuS)} / ${megabytes(ours.peakRssMB)}`;
    const ratios =
      ours.status === 'ok'
        ? `${ratio(p.wallS, ours.wallS)} / ${ratio(p.cpuS, ours.cpuS)} / ${ratio(p.peakRssMB, ours.peakRssMB)}`
        : `no answer (${outcome(ours)})`;
    return [p.peer, input, peer, `\`${ours.commandLine}\``, figures, ratios];
  });
  return [header, rule, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
