import { Bitset } from '../bitset/index.js';
import type { Node, Pod } from '../model/index.js';
import type { AdminInput } from './admin-input.js';
import { AdminRows } from './admin-rows.js';
import type { AdminDirection } from './admin-tiers.js';
import { buildAdminDirection } from './admin-tiers.js';
import type { ClassSelection } from './class-selection.js';
import type { AddressAtoms } from './pod-address-atoms.js';
import type { PortClasses } from './port-classes.js';

/** The admin tiers of both directions, compiled. */
export interface AdminTiers {
  readonly ingress: AdminDirection;
  readonly egress: AdminDirection;
}

/** What the admin stage needs from the earlier stages. */
export interface AdminCompileInput {
  readonly admin: AdminInput;
  readonly selection: ClassSelection;
  /** The representative pod of each class. */
  readonly reps: readonly Pod[];
  readonly addresses: AddressAtoms;
  /** Every IP atom each class's pods have an address in (whatever ipBlockMatchesPods says). */
  readonly atomsOfClass: readonly (readonly number[])[];
  readonly ports: PortClasses;
  readonly nodes: readonly Node[];
}

/**
 * The admin stage: compiles the Admin and Baseline tiers of both directions into per-class,
 * per-port-class rows (see {@link buildAdminDirection}).
 */
export function compileAdminTiers(input: AdminCompileInput): AdminTiers {
  const { reps, ports } = input;
  const C = reps.length;
  // Host-network pods are never subjects, never namespace or pod peers, and resolve no name.
  const hostClasses = Bitset.fromIndices(
    C,
    reps.flatMap((pod, c) => (pod.hostNetwork ? [c] : [])),
  );
  const rows = new AdminRows(
    input.selection,
    reps,
    hostClasses,
    input.addresses,
    input.atomsOfClass,
    input.nodes,
  );
  // Egress named ports resolve on the destination: per name and port class, where they do.
  const namedDestinations = new Map<string, Map<number, Bitset>>();
  const names = new Set<string>();
  for (const policy of input.admin.policies) {
    for (const rule of policy.egress) {
      for (const port of rule.ports ?? []) if (port.kind === 'named') names.add(port.name);
    }
  }
  if (names.size > 0) {
    reps.forEach((pod, c) => {
      if (pod.hostNetwork) return;
      for (const port of pod.ports) {
        if (port.name === undefined || !names.has(port.name)) continue;
        let byClass = namedDestinations.get(port.name);
        if (byClass === undefined) {
          byClass = new Map();
          namedDestinations.set(port.name, byClass);
        }
        const k = ports.classOf(port.protocol, port.containerPort);
        let row = byClass.get(k);
        if (row === undefined) {
          row = new Bitset(rows.width);
          byClass.set(k, row);
        }
        row.add(c);
      }
    });
  }
  const tierInput = { policies: input.admin.policies, rows, ports, namedDestinations };
  return {
    ingress: buildAdminDirection('ingress', tierInput),
    egress: buildAdminDirection('egress', tierInput),
  };
}
