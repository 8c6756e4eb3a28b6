import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbClusterPair,
  loadRandom,
  SAMPLE_ADDRESSES,
} from '../../test/support/random-policies.js';
import type { ConnectionSet, Endpoint } from '../model/index.js';
import { IpSet, NONE, parseIp, setKey } from '../net/index.js';
import { compile } from '../query/index.js';
import { diffEngines } from './diff.js';
import type { ConnectivityDiff } from './index.js';
import { diff } from './index.js';

const numRuns = Math.max(100, Math.floor((fc.readConfigureGlobal().numRuns ?? 1000) / 4));

/** Whether an address lies in a range text: a CIDR or `first-last`. */
function inRange(text: string, address: string): boolean {
  const ip = parseIp(address);
  if (text.includes('/')) return ip !== undefined && IpSet.fromCidr(text).has(ip);
  const dash = text.indexOf('-');
  const first = parseIp(text.slice(0, dash));
  const last = parseIp(text.slice(dash + 1));
  return (
    first !== undefined &&
    last !== undefined &&
    ip !== undefined &&
    ip.family === first.family &&
    first.value <= ip.value &&
    ip.value <= last.value
  );
}

/** A peer name that is an address range rather than a pod or workload. */
function isRange(name: string): boolean {
  const head = name.split(/[/-]/)[0] ?? '';
  return parseIp(head) !== undefined;
}

/** What the diff says about one pair: [before, after], or undefined for "unchanged". */
function lookup(
  d: ConnectivityDiff,
  from: string,
  to: string,
): [ConnectionSet, ConnectionSet] | undefined {
  const matches = (name: string, peer: string) =>
    name === peer || (parseIp(peer) !== undefined && isRange(name) && inRange(name, peer));
  const hit = <T extends { from: string; to: string }>(list: readonly T[]) =>
    list.filter((c) => matches(c.from, from) && matches(c.to, to));
  const added = hit(d.added);
  const removed = hit(d.removed);
  const changed = hit(d.changed);
  expect(added.length + removed.length + changed.length).toBeLessThanOrEqual(1);
  if (added[0]) return [NONE, added[0].allowed];
  if (removed[0]) return [removed[0].allowed, NONE];
  if (changed[0]) return [changed[0].before, changed[0].after];
  return undefined;
}

describe('diff', () => {
  it('the incremental path gives the same diff as enumerating everything', () => {
    fc.assert(
      fc.property(arbClusterPair, fc.constantFrom('pod', 'workload' as const), ([x, y], by) => {
        const before = loadRandom(x);
        const after = loadRandom(y);
        const fast = diffEngines(
          compile(before),
          compile(after),
          { by, clusters: { before, after } },
          'incremental',
        );
        const full = diffEngines(compile(before), compile(after), { by }, 'full');
        expect(fast).toEqual(full);
      }),
      { numRuns },
    );
  });

  it('agrees with the engines on every pod pair and sample address', () => {
    fc.assert(
      fc.property(arbClusterPair, ([x, y]) => {
        const x0 = loadRandom(x);
        const y0 = loadRandom(y);
        const before = compile(x0);
        const after = compile(y0);
        const d = diffEngines(
          before,
          after,
          { by: 'pod', clusters: { before: x0, after: y0 } },
          'incremental',
        );
        const names = (pods: readonly { namespace: string; name: string }[]) =>
          new Set(pods.map((p) => `${p.namespace}/${p.name}`));
        const common = [...names(before.pods)].filter((n) => names(after.pods).has(n));
        const ref = (name: string): Endpoint =>
          parseIp(name)
            ? { address: name }
            : {
                namespace: name.slice(0, name.indexOf('/')),
                name: name.slice(name.indexOf('/') + 1),
              };
        const check = (from: string, to: string) => {
          const b = before.connections(ref(from), ref(to));
          const a = after.connections(ref(from), ref(to));
          const said = lookup(d, from, to);
          if (setKey(b) === setKey(a)) expect(said, `${from} -> ${to}`).toBeUndefined();
          else expect(said?.map(setKey), `${from} -> ${to}`).toEqual([setKey(b), setKey(a)]);
        };
        for (const from of common) {
          for (const to of common) if (from !== to) check(from, to);
          for (const address of SAMPLE_ADDRESSES) {
            check(from, address);
            check(address, from);
          }
        }
      }),
      { numRuns },
    );
  });

  it('an input compared with itself has no change', () => {
    fc.assert(
      fc.property(arbClusterPair, ([x]) => {
        const cluster = loadRandom(x);
        const d = diff(compile(cluster), compile(cluster), {
          clusters: { before: cluster, after: cluster },
        });
        expect([d.added, d.removed, d.changed, d.isolation]).toEqual([[], [], [], []]);
      }),
      { numRuns },
    );
  });
});
