// The Kano paper's synthetic clusters (KuPy's generator, as ../shared/bench/gen_kano.py writes
// them): labels only and `matchLabels` only. One namespace; each pod has a `User` label (5
// users) and 0-4 random labels (pods/10 keys, 10 values); each policy selects with the labels
// of one random pod (User and up to 3 more, in the pod's order) and has one rule, ingress or
// egress at random, to the labels of another random pod; `policyTypes` is both directions, so
// a selected pod is isolated both ways, as Kano models it.

import type { Selector } from './manifests.js';
import type { Profile } from './profiles.js';

/** `User` and the pod's first three other labels: what KuPy's generator copies into a selector. */
function selectorOf(labels: Readonly<Record<string, string>>): Selector {
  const matchLabels: Record<string, string> = { User: labels.User ?? '' };
  let n = 0;
  for (const [key, value] of Object.entries(labels)) {
    if (n >= 3) break;
    if (key === 'User') continue;
    matchLabels[key] = value;
    n++;
  }
  return { matchLabels };
}

export const kanoPaper: Profile = {
  name: 'kano-paper',
  description:
    "the Kano paper's shape: one namespace, a User label and 0-4 random labels per pod; each policy matchLabels copied from a random pod, one ingress or egress rule to another pod's labels",
  defaultPolicies: (pods) => Math.max(1, Math.round(pods / 2)),
  traffic: [{ port: 80, protocol: 'TCP' }],
  build({ b, rng, pods, policies }) {
    const keys = Array.from({ length: Math.max(1, Math.floor(pods / 10)) }, (_, i) => `key${i}`);
    const values = Array.from({ length: 10 }, (_, i) => `value${i}`);
    const users = Array.from({ length: 5 }, (_, i) => `user${i}`);
    b.namespace('default');
    const labelsOf: Record<string, string>[] = [];
    for (let p = 0; p < pods; p++) {
      const labels: Record<string, string> = { User: rng.pick(users) };
      const extra = rng.between(0, 4);
      // A key drawn twice keeps its first place and takes the second value, as in Python.
      for (let i = 0; i < extra; i++) labels[rng.pick(keys)] = rng.pick(values);
      labelsOf.push(labels);
      b.pod('default', `pod${p}`, labels, []);
    }
    for (let i = 0; i < policies; i++) {
      // Two distinct pods in random order (Python's random.sample(range(pods), 2)).
      const a = rng.int(pods);
      const drawn = rng.int(pods - 1);
      const c = drawn >= a ? drawn + 1 : drawn;
      const podSelector = selectorOf(labelsOf[a] ?? {});
      const peer = { podSelector: selectorOf(labelsOf[c] ?? {}) };
      const ingress = rng.chance(0.5);
      b.policy('default', `np${i}`, {
        podSelector,
        ingress: ingress ? [{ from: [peer] }] : [],
        egress: ingress ? [] : [{ to: [peer] }],
        policyTypes: ['Ingress', 'Egress'],
      });
    }
  },
};
