// `node --expose-gc dist/compare-compile.js --profiles typical,admin --pods 10000 --policies 1000`
// Compiles two or more profiles in one process, interleaved round by round (a collection before
// each compile, the first rounds left out as warm-up), and prints each profile's median compile
// wall and CPU time and its ratio to the first profile's. On a shared machine, interleaving
// keeps the load the same for all profiles, which separate runs cannot promise.

import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Cluster } from '@kube-reach/core';
import { compile, parseCluster } from '@kube-reach/core';
import { generateCluster } from './generate.js';

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

function main(argv: readonly string[]): void {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      profiles: { type: 'string' },
      pods: { type: 'string' },
      policies: { type: 'string' },
      rounds: { type: 'string' },
    },
  });
  const profiles = (values.profiles ?? 'typical,admin').split(',');
  const pods = Number(values.pods ?? 10000);
  const rounds = Number(values.rounds ?? 20);
  const warmup = 3;
  const clusters = new Map<string, Cluster>();
  for (const profile of profiles) {
    const generated = generateCluster({
      profile,
      pods,
      ...(values.policies === undefined ? {} : { policies: Number(values.policies) }),
    });
    const parsed = parseCluster(generated.sources, { maxBytes: 1024 * 1024 * 1024 });
    if (!parsed.ok) throw new Error(`${profile}: ${parsed.issues[0]?.message ?? '?'}`);
    clusters.set(profile, parsed.cluster);
  }
  const wall = new Map<string, number[]>(profiles.map((p) => [p, []]));
  const cpu = new Map<string, number[]>(profiles.map((p) => [p, []]));
  const load: number[] = [];
  for (let round = 0; round < rounds + warmup; round++) {
    for (const profile of profiles) {
      gc();
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      compile(clusters.get(profile) as Cluster);
      const elapsed = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      if (round < warmup) continue;
      wall.get(profile)?.push(elapsed);
      cpu.get(profile)?.push((used.user + used.system) / 1000);
    }
    load.push(loadavg()[0] ?? 0);
  }
  const base = profiles[0] as string;
  for (const profile of profiles) {
    const w = median(wall.get(profile) ?? []);
    const c = median(cpu.get(profile) ?? []);
    const line = {
      profile,
      pods,
      rounds,
      wallMs: Math.round(w),
      cpuMs: Math.round(c),
      wallRatio: Number((w / median(wall.get(base) ?? [])).toFixed(2)),
      cpuRatio: Number((c / median(cpu.get(base) ?? [])).toFixed(2)),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAverage: Number(median(load).toFixed(1)),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

main(process.argv.slice(2));
