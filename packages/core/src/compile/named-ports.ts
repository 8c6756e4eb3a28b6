import { Bitset } from '../bitset/index.js';
import type { Pod, Protocol } from '../model/index.js';
import { namedPortKey } from './pod-classes.js';
import type { PolicyIR, PortIR, RuleIR } from './policy-ir.js';
import { allPorts, allRules } from './policy-ir.js';
import type { PortClasses } from './port-classes.js';

/** A named port entry of a rule. */
export type NamedPortIR = PortIR & { readonly kind: 'named' };

/**
 * The named ports stage. A rule's named port means, on each pod, the number of that pod's
 * container port with that name and protocol; only names some rule uses matter.
 */
export interface NamedPorts {
  /** Named-port keys ({@link namedPortKey}) some rule uses. */
  readonly used: ReadonlySet<string>;
  /** The named entries of each rule that has some. */
  readonly entriesOf: ReadonlyMap<RuleIR, readonly NamedPortIR[]>;
}

/**
 * The named ports the policies' rules use, and which rules use them.
 * @param policies - the normalized policies
 */
export function collectNamedPorts(policies: readonly PolicyIR[]): NamedPorts {
  const used = new Set<string>();
  for (const port of allPorts(policies)) {
    if (port.kind === 'named') used.add(namedPortKey(port.name, port.protocol));
  }
  const entriesOf = new Map<RuleIR, NamedPortIR[]>();
  for (const rule of allRules(policies)) {
    if (rule.ports === 'all') continue;
    const named = rule.ports.filter((p): p is NamedPortIR => p.kind === 'named');
    if (named.length > 0) entriesOf.set(rule, named);
  }
  return { used, entriesOf };
}

/**
 * Per protocol, the port numbers that a used name resolves to on some class (each becomes a
 * port of its own when ports are cut into classes).
 * @param reps - the representative pod of each class
 * @param nodeTraffic - classes that are node traffic: they have no named ports a policy sees
 * @param used - the used named-port keys
 */
export function namedPortTargets(
  reps: readonly Pod[],
  nodeTraffic: Bitset,
  used: ReadonlySet<string>,
): Map<Protocol, number[]> {
  const targets = new Map<Protocol, number[]>();
  reps.forEach((pod, c) => {
    if (nodeTraffic.has(c)) return;
    for (const port of pod.ports) {
      if (port.name !== undefined && used.has(namedPortKey(port.name, port.protocol))) {
        const list = targets.get(port.protocol) ?? [];
        list.push(port.containerPort);
        targets.set(port.protocol, list);
      }
    }
  });
  return targets;
}

/**
 * Named ports of an egress rule resolve on each destination: per used name and port class,
 * the destination classes where the name means a port of that class.
 * @param reps - the representative pod of each class
 * @param nodeTraffic - classes that are node traffic (they resolve no name)
 * @param used - the used named-port keys
 * @param ports - the port classes
 */
export function namedDestinations(
  reps: readonly Pod[],
  nodeTraffic: Bitset,
  used: ReadonlySet<string>,
  ports: PortClasses,
): Map<string, Map<number, Bitset>> {
  const byName = new Map<string, Map<number, Bitset>>();
  for (const key of used) byName.set(key, new Map());
  reps.forEach((pod, c) => {
    if (nodeTraffic.has(c)) return;
    for (const port of pod.ports) {
      if (port.name === undefined) continue;
      const byClass = byName.get(namedPortKey(port.name, port.protocol));
      if (!byClass) continue;
      const k = ports.classOf(port.protocol, port.containerPort);
      let mask = byClass.get(k);
      if (!mask) {
        mask = new Bitset(reps.length);
        byClass.set(k, mask);
      }
      mask.add(c);
    }
  });
  return byName;
}

/**
 * What the used names mean on one pod, as text: pods with equal texts resolve every used name
 * alike (ingress named ports resolve on the selected pod, so this splits rule groups).
 */
export function namedPortResolution(pod: Pod, used: ReadonlySet<string>): string {
  const named: string[] = [];
  for (const port of pod.ports) {
    if (port.name !== undefined && used.has(namedPortKey(port.name, port.protocol))) {
      named.push(`${namedPortKey(port.name, port.protocol)}=${port.containerPort}`);
    }
  }
  return named.sort().join(',');
}

/**
 * Named ports of an ingress rule resolve on the destination, the selected pod: adds to `mask`
 * the port classes the rule's named entries mean on `pod`.
 */
export function resolveOnPod(
  entries: readonly NamedPortIR[],
  pod: Pod,
  ports: PortClasses,
  mask: Bitset,
): void {
  for (const entry of entries) {
    for (const port of pod.ports) {
      if (port.name === entry.name && port.protocol === entry.protocol) {
        mask.add(ports.classOf(port.protocol, port.containerPort));
      }
    }
  }
}
