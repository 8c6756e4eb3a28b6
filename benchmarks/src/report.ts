// `pnpm --filter @kube-reach/benchmarks report`: turns results/cli.json into the README's
// whole-process and peer tables, results/results.json into the in-process table (each between
// its markers) and results/chart.svg (compile time and RSS against pods, log-log). Plain string
// building, no dependencies.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliResult } from './cli/bench-cli.js';
import { peerTable, wholeProcessTable } from './cli/cli-report.js';
import type { BenchResult } from './measure.js';

const here = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

function fmt(x: number | null, digits = 1): string {
  if (x === null) return '–';
  if (x >= 100) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(digits);
}

/** Which pairs the reference checked: every pair of the matrix, and a sample. */
function agreedPairs(r: BenchResult): string {
  const sampled = `${r.referencePairs.toLocaleString('en-US')} sampled`;
  return r.fullMatrixPairsChecked
    ? `all ${r.fullMatrixPairsChecked.toLocaleString('en-US')} + ${sampled}`
    : sampled;
}

/** The markdown table, one row per run, ordered by profile then pods. */
export function resultsTable(results: readonly BenchResult[], order: readonly string[]): string {
  const rows = [...results].sort(
    (a, b) =>
      order.indexOf(a.profile) - order.indexOf(b.profile) ||
      a.pods - b.pods ||
      a.policies - b.policies,
  );
  const header =
    '| profile | pods | policies | classes | port cl. | rows | parse ms | compile ms cold / warm | point p50/p99 µs | row µs | full matrix ms | conn. list ms | explain µs | peak RSS MB | ref ms/pair | agree (pairs) |';
  const rule = `|${header
    .split('|')
    .slice(1, -1)
    .map(() => '---')
    .join('|')}|`;
  const lines = rows.map((r) =>
    [
      r.profile,
      r.pods.toLocaleString('en-US'),
      `${r.policies.toLocaleString('en-US')}${r.policyMode && r.policyMode !== 'default' ? ` (${r.policyMode})` : ''}`,
      r.classes.toLocaleString('en-US'),
      r.portClasses,
      `${r.lazy ? 'lazy' : 'eager'} ${fmt(r.matrixMB)} MB`,
      fmt(r.parseMs),
      `${r.compileColdMs === undefined ? '–' : fmt(r.compileColdMs)} / ${fmt(r.compileMs)}`,
      `${fmt(r.pointQueryP50Us, 2)} / ${fmt(r.pointQueryP99Us, 2)}`,
      fmt(r.rowQueryUs),
      `${fmt(r.fullMatrixMs)}${r.fullMatrixMethod?.startsWith('extrapolated') ? '*' : ''}`,
      fmt(r.connectionListMs),
      fmt(r.explainUs),
      r.peakRssMB === undefined ? `${fmt(r.rssMB)} after GC` : fmt(r.peakRssMB),
      fmt(r.referenceMsPerPair, 3),
      `${r.agree ? 'yes' : '**no**'} (${agreedPairs(r)})`,
    ].join(' | '),
  );
  return [header, rule, ...lines.map((l) => `| ${l} |`)].join('\n');
}

interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

/** One log-log panel: series of (pods, value). */
function panel(
  title: string,
  unit: string,
  series: readonly Series[],
  x0: number,
  width: number,
  height: number,
): string {
  const all = series.flatMap((s) => s.points);
  const xs = all.map(([x]) => x);
  const ys = all.map(([, y]) => Math.max(y, 1e-3));
  const lx = (v: number) => Math.log10(v);
  const xMin = Math.floor(lx(Math.min(...xs)));
  const xMax = Math.ceil(lx(Math.max(...xs)));
  const yMin = Math.floor(lx(Math.min(...ys)));
  const yMax = Math.ceil(lx(Math.max(...ys)));
  const left = x0 + 60;
  const top = 40;
  const w = width - 80;
  const h = height - 90;
  const px = (v: number) => left + ((lx(v) - xMin) / Math.max(1, xMax - xMin)) * w;
  const py = (v: number) =>
    top + h - ((lx(Math.max(v, 1e-3)) - yMin) / Math.max(1, yMax - yMin)) * h;
  const out: string[] = [
    `<text x="${left + w / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${title}</text>`,
    `<rect x="${left}" y="${top}" width="${w}" height="${h}" fill="none" stroke="#999"/>`,
  ];
  for (let e = xMin; e <= xMax; e++) {
    const x = left + ((e - xMin) / Math.max(1, xMax - xMin)) * w;
    out.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${top + h}" stroke="#eee"/>`);
    out.push(
      `<text x="${x}" y="${top + h + 16}" text-anchor="middle" font-size="11">${(10 ** e).toLocaleString('en-US')}</text>`,
    );
  }
  for (let e = yMin; e <= yMax; e++) {
    const y = top + h - ((e - yMin) / Math.max(1, yMax - yMin)) * h;
    out.push(`<line x1="${left}" y1="${y}" x2="${left + w}" y2="${y}" stroke="#eee"/>`);
    out.push(
      `<text x="${left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${(10 ** e).toLocaleString('en-US')}</text>`,
    );
  }
  out.push(
    `<text x="${left + w / 2}" y="${top + h + 34}" text-anchor="middle" font-size="12">pods</text>`,
  );
  out.push(
    `<text x="${x0 + 14}" y="${top + h / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 ${x0 + 14} ${top + h / 2})">${unit}</text>`,
  );
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    out.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const [x, y] of pts)
      out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${color}"/>`);
  });
  return out.join('\n');
}

/** The SVG chart: compile time and RSS against pods, one line per profile (default policies). */
export function chart(results: readonly BenchResult[], order: readonly string[]): string {
  const byProfile = new Map<string, BenchResult[]>();
  // One line per profile, at its default policy count (the variants would zigzag).
  for (const r of results) {
    const list = byProfile.get(r.profile) ?? [];
    list.push(r);
    byProfile.set(r.profile, list);
  }
  const names = order.filter((p) => byProfile.has(p));
  const pick = (r: BenchResult[]) => r.filter((x) => (x.policyMode ?? 'default') === 'default');
  const series = (key: 'compileMs' | 'rssMB'): Series[] =>
    names.map((name) => ({
      name,
      points: pick(byProfile.get(name) ?? []).map((r) => [r.pods, r[key]] as const),
    }));
  const width = 520;
  const height = 420;
  const legend = names
    .map((name, i) => {
      const x = 20 + (i % 5) * 205;
      const y = height + 10 + Math.floor(i / 5) * 20;
      return `<rect x="${x}" y="${y - 9}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${x + 18}" y="${y + 1}" font-size="12">${name}</text>`;
    })
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width * 2}" height="${height + 60}" font-family="sans-serif">`,
    '<rect width="100%" height="100%" fill="white"/>',
    panel('compile time (ms)', 'ms', series('compileMs'), 0, width, height),
    panel('resident memory after compile (MB)', 'MB', series('rssMB'), width, width, height),
    legend,
    '</svg>',
  ].join('\n');
}

/** Replaces what stands between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
function between(readme: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${name} markers`);
  return `${readme.slice(0, a + start.length)}\n${content}\n${readme.slice(b)}`;
}

function main(): void {
  const results: BenchResult[] = JSON.parse(readFileSync(here('results/results.json'), 'utf8'));
  const order = [
    'typical',
    'kano',
    'kano-paper',
    'antrea-small-ns',
    'antrea-large-ns',
    'antrea-all-select',
    'np-per-pod',
    'cilium-report',
    'label-explosion',
    'port-fragmentation',
    'cidr-heavy',
  ];
  writeFileSync(here('results/chart.svg'), `${chart(results, order)}\n`);
  const readmePath = here('README.md');
  let readme = readFileSync(readmePath, 'utf8');
  readme = between(readme, 'results', resultsTable(results, order));
  const cliPath = here('results/cli.json');
  const cli: CliResult[] = existsSync(cliPath) ? JSON.parse(readFileSync(cliPath, 'utf8')) : [];
  readme = between(readme, 'cli', wholeProcessTable(cli));
  readme = between(readme, 'peers', peerTable(cli));
  writeFileSync(readmePath, readme);
  process.stdout.write(
    `wrote results/chart.svg and the README tables (${results.length} in-process runs, ${cli.length} whole-process runs)\n`,
  );
}

main();
