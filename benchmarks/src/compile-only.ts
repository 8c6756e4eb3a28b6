// `node --expose-gc dist/compile-only.js --profile ipblock-heavy --pods 1000 --policies 20000`
// `node --expose-gc dist/compile-only.js --paths DIR [--matrix-port 80]`
// Times the library compile alone, in-process: wall, CPU (process-wide, so GC threads count),
// GC pause time and peak RSS, one JSON line per run. For growth studies where the full
// `pnpm bench` (reference sample, queries, connection list) would take too long.

import { loadavg } from 'node:os';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Cluster } from '@kube-reach/core';
import { compile, parseCluster } from '@kube-reach/core';
import { loadClusterFromPaths } from '@kube-reach/core/node';
import { generateCluster } from './generate.js';

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));
const mb = (kb: number): number => Math.round(kb / 1024);

async function load(values: Record<string, string | undefined>): Promise<Cluster> {
  if (values.paths !== undefined) {
    const result = await loadClusterFromPaths([values.paths]);
    if (!result.ok) throw new Error(`cluster rejected: ${result.issues[0]?.message ?? '?'}`);
    return result.cluster;
  }
  const generated = generateCluster({
    profile: values.profile ?? 'typical',
    pods: Number(values.pods ?? 1000),
    ...(values.policies === undefined ? {} : { policies: Number(values.policies) }),
  });
  const parsed = parseCluster(generated.sources, { maxBytes: 1024 * 1024 * 1024 });
  if (!parsed.ok) throw new Error(`cluster rejected: ${parsed.issues[0]?.message ?? '?'}`);
  return parsed.cluster;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      profile: { type: 'string' },
      pods: { type: 'string' },
      policies: { type: 'string' },
      paths: { type: 'string' },
      runs: { type: 'string' },
      'matrix-port': { type: 'string' },
    },
  });
  const cluster = await load(values);
  let gcMs = 0;
  let counting = false;
  new PerformanceObserver((list) => {
    if (counting) for (const entry of list.getEntries()) gcMs += entry.duration;
  }).observe({ entryTypes: ['gc'] });
  const rssBeforeMB = mb(process.resourceUsage().maxRSS);
  for (let run = 0; run < Number(values.runs ?? 1); run++) {
    gc();
    await settle();
    gcMs = 0;
    counting = true;
    const cpu = process.cpuUsage();
    const start = performance.now();
    const engine = compile(cluster);
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    await settle();
    counting = false;
    let matrix: { wallMs: number; cpuMs: number; pairs: number } | undefined;
    if (values['matrix-port'] !== undefined) {
      // The full pod x pod answer as bitset rows (issue 15's row): matrix(), then rowBits(i)
      // per pod, each counted so no row is skipped.
      const mcpu = process.cpuUsage();
      const mstart = performance.now();
      const m = engine.matrix({ port: Number(values['matrix-port']), protocol: 'TCP' });
      let pairs = 0;
      for (let i = 0; i < engine.pods.length; i++) pairs += m.rowBits(i).count();
      const mused = process.cpuUsage(mcpu);
      matrix = {
        wallMs: Math.round(performance.now() - mstart),
        cpuMs: Math.round((mused.user + mused.system) / 1000),
        pairs,
      };
    }
    const line = {
      run,
      pods: cluster.pods.length,
      policies: cluster.policies.length,
      wallMs: Math.round(wallMs),
      cpuMs: Math.round((used.user + used.system) / 1000),
      gcMs: Math.round(gcMs),
      peakRssMB: mb(process.resourceUsage().maxRSS),
      peakRssBeforeCompileMB: rssBeforeMB,
      stats: engine.stats,
      ...(matrix === undefined ? {} : { matrix }),
      loadAverage: Number(loadavg()[0]?.toFixed(1)),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
