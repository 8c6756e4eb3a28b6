// The HEAD side of `reach diff BASE HEAD`: the BASE manifests with a few policies changed, the
// kind of change a pull request makes. Seeded, so the same BASE always gives the same HEAD.

import { Rng } from '../rng.js';

type Doc = Record<string, unknown>;

function isPolicy(doc: unknown): doc is Doc {
  return (
    typeof doc === 'object' &&
    doc !== null &&
    (doc as Doc).kind === 'NetworkPolicy' &&
    typeof (doc as Doc).spec === 'object'
  );
}

function renamed(doc: Doc, suffix: string): Doc {
  const metadata = (doc.metadata ?? {}) as Doc;
  return { ...doc, metadata: { ...metadata, name: `${String(metadata.name)}-${suffix}` } };
}

/** The four edits, applied in turn: removal, a rule for 443, a wider selector, an allow-all. */
function edit(policy: Doc, kind: number): Doc[] {
  const spec = policy.spec as Doc;
  switch (kind % 4) {
    case 0:
      return [];
    case 1: {
      // One more ingress rule: 443/TCP from anywhere.
      const ingress = Array.isArray(spec.ingress) ? (spec.ingress as unknown[]) : [];
      // Without policyTypes, Kubernetes infers Ingress from the rules; with them, add it.
      const types = spec.policyTypes;
      const policyTypes =
        Array.isArray(types) && !types.includes('Ingress')
          ? { policyTypes: [...types, 'Ingress'] }
          : {};
      return [
        {
          ...policy,
          spec: {
            ...spec,
            ingress: [...ingress, { ports: [{ protocol: 'TCP', port: 443 }] }],
            ...policyTypes,
          },
        },
      ];
    }
    case 2:
      return [{ ...policy, spec: { ...spec, podSelector: {} } }];
    default:
      return [
        policy,
        renamed(
          {
            ...policy,
            spec: { podSelector: spec.podSelector ?? {}, ingress: [{}], policyTypes: ['Ingress'] },
          },
          'allow-all',
        ),
      ];
  }
}

/**
 * Changes `changes` seeded policies among the documents of all files (each file a list of
 * documents): removes one, adds a 443/TCP ingress rule to one, widens the selector of one, adds an
 * allow-all ingress next to one, and so on in turn.
 * @returns the files' documents with the edits, in the same order, and how many were changed
 */
export function changePolicies(
  files: readonly (readonly unknown[])[],
  changes: number,
  seed: number,
): { readonly files: unknown[][]; readonly changed: number } {
  const positions: [number, number][] = [];
  files.forEach((docs, f) => {
    docs.forEach((doc, d) => {
      if (isPolicy(doc)) positions.push([f, d]);
    });
  });
  const chosen = new Rng(seed).sample(positions, changes);
  const editOf = new Map(chosen.map(([f, d], i) => [`${f}/${d}`, i]));
  return {
    files: files.map((docs, f) =>
      docs.flatMap((doc, d) => {
        const kind = editOf.get(`${f}/${d}`);
        return kind === undefined ? [doc] : edit(doc as Doc, kind);
      }),
    ),
    changed: chosen.length,
  };
}
