// `pnpm bench:report [--profile typical] [--pods 10000] [--runs 3]`: issue 13's figures for
// `reach report`. Build time is the whole `reach report` process under GNU time (wall, CPU,
// peak RSS); where it goes is timed in process, phase by phase. Time to interactive is the
// page's own mark (`data-ready`: ms from navigation start until every view is drawn) in
// headless Debian chromium, plus the first query, which decodes and compiles the cluster in
// the page. Medians of --runs runs. The only file of this entry that reads argv and prints.

import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compile, lint, parseCluster } from '@kube-reach/core';
import { buildReportData, renderReportData } from '@kube-reach/core/report';
import { chromium } from 'playwright-core';
import { runMeasured } from './cli/measure-process.js';
import { generateCluster } from './generate.js';

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'typical' },
    pods: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    chromium: { type: 'string', default: process.env.REACH_CHROMIUM ?? '/usr/bin/chromium' },
  },
});
const runs = Number(values.runs);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/dist/reach.js');
const DIR = join(ROOT, 'benchmarks/.cache/report', `${values.profile}-${values.pods}`);
const say = (m: string): void => {
  process.stderr.write(`${m}\n`);
};
const median = (xs: readonly number[]): number =>
  Number(([...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0).toFixed(2));

say(`generating ${values.profile} with ${values.pods} pods`);
const generated = generateCluster({
  profile: values.profile,
  pods: Number(values.pods),
  seed: Number(values.seed),
});
mkdirSync(join(DIR, 'manifests'), { recursive: true });
for (const source of generated.sources)
  writeFileSync(join(DIR, 'manifests', source.name), source.text);

say('timing reach report (whole process)');
const page = join(DIR, 'reach.html');
const processRuns = [];
for (let i = 0; i < runs; i++) {
  processRuns.push(
    await runMeasured({
      argv: [process.execPath, BIN, 'report', '-f', join(DIR, 'manifests'), '-o', page],
      cwd: ROOT,
      outFile: join(DIR, 'stdout.txt'),
      errFile: join(DIR, 'stderr.txt'),
      timeFile: join(DIR, 'time.txt'),
      timeoutS: 300,
      expectedExit: [0],
    }),
  );
}

say('timing the phases in process');
const phase = <T>(fn: () => T): { ms: number; value: T } => {
  const start = performance.now();
  const value = fn();
  return { ms: Math.round(performance.now() - start), value };
};
const parsed = phase(() => parseCluster(generated.sources, { maxBytes: 256 * 1024 * 1024 }));
if (!parsed.value.ok) throw new Error('generated cluster rejected');
const cluster = parsed.value.cluster;
const compiled = phase(() => compile(cluster));
const linted = phase(() => lint(cluster, { engine: compiled.value }));
const built = phase(() =>
  buildReportData(compiled.value, { source: 'bench', findings: linted.value }),
);
const rendered = phase(() => renderReportData(built.value));
const size = (value: unknown): number => JSON.stringify(value).length;

say('timing the page in chromium');
const browser = await chromium.launch({
  executablePath: values.chromium,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const ready: number[] = [];
const firstQuery: number[] = [];
const pod = compiled.value.pods[Math.floor(compiled.value.pods.length / 2)];
const other = compiled.value.pods[Math.floor(compiled.value.pods.length / 3)];
for (let i = 0; i < runs; i++) {
  const tab = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  await tab.goto(`file://${page}`);
  await tab.waitForSelector('html[data-ready]', { timeout: 120_000 });
  ready.push(Number(await tab.getAttribute('html', 'data-ready')));
  await tab.fill('#query-from', `${pod?.namespace}/${pod?.name}`);
  await tab.fill('#query-to', `${other?.namespace}/${other?.name}`);
  await tab.fill('#query-port', String(generated.traffic[0]?.port ?? 80));
  const start = Date.now();
  await tab.click('#query-form button[type=submit]');
  await tab.waitForSelector('#query-result[data-state=done]', { timeout: 120_000 });
  firstQuery.push(Date.now() - start);
  await tab.close();
}
await browser.close();

// Usability at 2,000 workloads and 20,000 edges: 40 namespaces of 50 Deployments, each
// admitting ingress from the 10 Deployments of one label group, cluster-wide.
say('timing a 2,000-workload, 20,000-edge graph');
const objects: unknown[] = [];
for (let n = 0; n < 40; n++) {
  const ns = `ns-${n}`;
  objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (let d = 0; d < 50; d++) {
    const i = n * 50 + d;
    const labels = { app: `w${i}`, group: `g${i % 200}` };
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { namespace: ns, name: `w${i}` },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] },
        },
      },
    });
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { namespace: ns, name: `allow-w${i}` },
      spec: {
        podSelector: { matchLabels: { app: `w${i}` } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: {},
                podSelector: { matchLabels: { group: `g${(i * 7) % 200}` } },
              },
            ],
            ports: [{ port: 8080 }],
          },
        ],
      },
    });
  }
}
const wideDir = join(DIR, 'wide');
mkdirSync(wideDir, { recursive: true });
writeFileSync(
  join(wideDir, 'cluster.json'),
  JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
);
const widePage = join(DIR, 'wide.html');
const wideBuild = await runMeasured({
  argv: [process.execPath, BIN, 'report', '-f', wideDir, '-o', widePage],
  cwd: ROOT,
  outFile: join(DIR, 'stdout.txt'),
  errFile: join(DIR, 'stderr.txt'),
  timeFile: join(DIR, 'time.txt'),
  timeoutS: 300,
  expectedExit: [0],
});
const wideBrowser = await chromium.launch({
  executablePath: values.chromium,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const wideTab = await wideBrowser.newPage({ viewport: { width: 1300, height: 900 } });
await wideTab.goto(`file://${widePage}`);
await wideTab.waitForSelector('html[data-ready]', { timeout: 120_000 });
const wideReady = Number(await wideTab.getAttribute('html', 'data-ready'));
const wideEdges = Number(await wideTab.getAttribute('#graph', 'data-edges'));
// One filter change refilters and redraws every edge synchronously: the cost of a frame.
const redraws = (await wideTab.evaluate(`(() => {
  const select = document.getElementById('graph-protocol');
  const times = [];
  for (const value of ['TCP', 'any', 'TCP', 'any', 'TCP']) {
    const start = performance.now();
    select.value = value;
    select.dispatchEvent(new Event('change'));
    times.push(performance.now() - start);
  }
  return times;
})()`)) as number[];
await wideBrowser.close();

const result = {
  profile: values.profile,
  pods: compiled.value.pods.length,
  workloads: built.value.nodes.length,
  edges: built.value.edges.length,
  pageMB: Number((statSync(page).size / 1024 / 1024).toFixed(2)),
  build: {
    wallS: median(processRuns.map((r) => r.wallS)),
    cpuS: median(processRuns.map((r) => r.cpuS)),
    peakRssMB: median(processRuns.map((r) => r.peakRssMB)),
    status: processRuns.map((r) => r.status),
  },
  phasesMs: {
    parse: parsed.ms,
    compile: compiled.ms,
    lint: linted.ms,
    buildReportData: built.ms,
    render: rendered.ms,
  },
  dataMB: {
    cluster: Number((size(built.value.cluster) / 1e6).toFixed(2)),
    heatmapGroups: Number(
      (size([built.value.podGroups, built.value.podGroupEdges]) / 1e6).toFixed(2),
    ),
    graph: Number((size([built.value.nodes, built.value.edges]) / 1e6).toFixed(2)),
    findings: Number((size([built.value.findings, built.value.policies]) / 1e6).toFixed(2)),
  },
  page: { interactiveMs: median(ready), firstQueryMs: median(firstQuery) },
  wideGraph: {
    edges: wideEdges,
    buildWallS: wideBuild.wallS,
    buildCpuS: wideBuild.cpuS,
    pageMB: Number((statSync(widePage).size / 1024 / 1024).toFixed(2)),
    interactiveMs: wideReady,
    redrawMs: median(redraws),
  },
  loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  date: new Date().toISOString(),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
