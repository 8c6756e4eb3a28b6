import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPath, skipWithoutShared } from '../../packages/core/test/support/shared-folder.js';
import { generateObjects } from './generate.js';

type Obj = {
  kind: string;
  metadata: { namespace?: string; labels?: Record<string, string> };
  spec: Record<string, unknown>;
};

const GEN_KANO = sharedPath('bench/gen_kano.py');
const PODS = 400;
const POLICIES = 200;

/** The statistics in which two Kano-shaped clusters should agree. */
function shape(objects: readonly Obj[]) {
  const pods = objects.filter((o) => o.kind === 'Pod');
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const labels = pods.map((p) => p.metadata.labels ?? {});
  const keyCount = Math.floor(pods.length / 10);
  const extras = labels.map((l) => Object.keys(l).length - 1);
  const selectorOf = (l: Record<string, string>) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(l)
          .filter(([k]) => k !== 'User')
          .slice(0, 3)
          .concat([['User', l.User ?? '']])
          .sort(),
      ),
    );
  const podSelectors = new Set(labels.map(selectorOf));
  const copied = (s: unknown) => {
    const keys = Object.keys((s ?? {}) as object);
    const matchLabels = (s as { matchLabels?: Record<string, string> }).matchLabels ?? {};
    return (
      keys.length === 1 &&
      keys[0] === 'matchLabels' &&
      podSelectors.has(JSON.stringify(Object.fromEntries(Object.entries(matchLabels).sort())))
    );
  };
  const rulesOf = (p: Obj) => ({
    ingress: (p.spec.ingress ?? []) as { from?: { podSelector?: unknown }[] }[],
    egress: (p.spec.egress ?? []) as { to?: { podSelector?: unknown }[] }[],
  });
  return {
    namespaces: new Set([...pods, ...policies].map((o) => o.metadata.namespace)).size,
    pods: pods.length,
    policies: policies.length,
    everyPodHasAUser: labels.every((l) => /^user[0-4]$/.test(l.User ?? '')),
    otherLabelsFromTheKeyPool: labels.every((l) =>
      Object.entries(l).every(
        ([k, v]) =>
          k === 'User' ||
          (/^key\d+$/.test(k) && Number(k.slice(3)) < keyCount && /^value\d$/.test(v)),
      ),
    ),
    extraLabelsAtMost4: extras.every((n) => n >= 0 && n <= 4),
    meanExtraLabels: extras.reduce((a, b) => a + b, 0) / extras.length,
    podsWithoutExtraLabels: extras.filter((n) => n === 0).length / extras.length,
    noContainerPorts: pods.every((p) =>
      ((p.spec.containers ?? []) as { ports?: unknown[] }[]).every((c) => !c.ports?.length),
    ),
    policyTypesBoth: policies.every(
      (p) => JSON.stringify(p.spec.policyTypes) === '["Ingress","Egress"]',
    ),
    selectorsCopiedFromPods: policies.every((p) => copied(p.spec.podSelector)),
    oneRuleOnePodPeer: policies.every((p) => {
      const { ingress, egress } = rulesOf(p);
      const peers = [...ingress.map((r) => r.from ?? []), ...egress.map((r) => r.to ?? [])];
      return (
        peers.length === 1 &&
        peers[0]?.length === 1 &&
        Object.keys(peers[0][0] ?? {}).join() === 'podSelector' &&
        copied(peers[0][0]?.podSelector)
      );
    }),
    ingressShare: policies.filter((p) => rulesOf(p).ingress.length === 1).length / policies.length,
  };
}

describe('kano-paper profile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kano-shape-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(skipWithoutShared('kano-paper shape check', 'bench/gen_kano.py'))(
    "has the shape of ../shared/bench/gen_kano.py's clusters (the peers' input)",
    () => {
      execFileSync('python3', [GEN_KANO, dir, String(PODS), String(POLICIES), '3']);
      const k8s = join(dir, 'k8s');
      const python = readdirSync(k8s).flatMap(
        (f) => loadAll(readFileSync(join(k8s, f), 'utf8')) as Obj[],
      );
      const ours = generateObjects({
        profile: 'kano-paper',
        pods: PODS,
        policies: POLICIES,
        seed: 3,
      }).objects as Obj[];
      const a = shape(python);
      const b = shape(ours);
      expect(b).toMatchObject({
        namespaces: 1,
        pods: PODS,
        policies: POLICIES,
        everyPodHasAUser: true,
        otherLabelsFromTheKeyPool: true,
        extraLabelsAtMost4: true,
        noContainerPorts: true,
        policyTypesBoth: true,
        selectorsCopiedFromPods: true,
        oneRuleOnePodPeer: true,
      });
      // The same booleans hold for the Python output: the test checks a shape both share.
      const { meanExtraLabels, podsWithoutExtraLabels, ingressShare, ...structure } = a;
      expect(b).toMatchObject(structure);
      // Random draws agree in distribution: 0-4 draws of a key (collisions are rare), half ingress.
      expect(Math.abs(b.meanExtraLabels - meanExtraLabels)).toBeLessThan(0.25);
      expect(Math.abs(b.podsWithoutExtraLabels - podsWithoutExtraLabels)).toBeLessThan(0.08);
      expect(Math.abs(b.ingressShare - ingressShare)).toBeLessThan(0.15);
      expect(ingressShare).toBeGreaterThan(0.35);
    },
    60_000,
  );
});
