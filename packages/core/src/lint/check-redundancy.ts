import { Bitset } from '../bitset/index.js';
import type { IpBlock, PortIR } from '../compile/index.js';
import {
  buildAddressAtoms,
  buildPortClasses,
  groupPodClasses,
  namedPortKey,
  podAddressAtoms,
} from '../compile/index.js';
import type { Pod, PortRange, PortSpec, Protocol } from '../model/index.js';
import type { Direction, LintContext, RuleSite } from './context.js';
import { affects, DIRECTIONS, listNames, policyFinding, rulePath } from './context.js';
import type { Finding } from './types.js';

/** Per port atom, the columns (target classes, then IP atoms) a rule admits; sparse. */
type Grant = readonly (Bitset | undefined)[];

/**
 * `rule-redundant` and the "allows nothing" case of `policy-empty-effect`.
 *
 * Method: rules are compared by what they admit, computed directly rather than by compiling
 * the cluster once per rule. Pods that no rule can tell apart (same namespace, labels, used
 * named ports and IP atoms; node traffic apart) form a class, as the compiler groups them; the
 * columns are the classes plus the IP atoms cut by every ipBlock; ports are cut into atoms at every boundary a rule uses, named ports resolved on
 * every pod. For a rule and a pod it applies to (a class its policy selects), the *grant* is,
 * per port atom, the set of columns the rule admits: its peers' columns on its ports, with
 * named ports resolved on the selected pod (ingress) or on each destination (egress).
 *
 * Isolation comes from policies, not rules, so removing a rule changes a pod's allowed
 * connections exactly when its grant is not covered by the union of the grants of the other
 * rules selecting that pod in the same direction. A rule is redundant when that holds for
 * every class it applies to. Rules are judged from the last to the first, and a rule found
 * redundant is left out when judging the rest, so of two identical rules the later one is
 * reported, and removing every reported rule together changes nothing (a property test
 * checks this, and that an unreported rule either changes some answer or admits nothing).
 *
 * Cost: classes with the same rules (and the same named ports, where an ingress rule names
 * one) are judged once, as a group; a grant is computed once per rule (per group for ingress
 * rules with named ports); judging a rule in a group unions the others' grants, through
 * unions stored every few rules when the group has many. At 10k pods this takes under 1.5 s
 * on every benchmark profile.
 */
export function checkRedundancy(ctx: LintContext): Finding[] {
  const { pods, rules } = ctx;

  // The compiler's stages: IP atoms over every ipBlock of every rule, where pod addresses fall
  // among them, and pod classes (same namespace, labels, used named ports, IP atoms, and node
  // traffic kept apart from pods).
  const usedNames = new Set<string>();
  const blocks: IpBlock[] = [];
  for (const site of rules) {
    for (const peer of site.rule.peers ?? []) if (peer.kind === 'ipBlock') blocks.push(peer);
    for (const entry of site.rule.ports ?? []) {
      if (typeof entry.port === 'string') usedNames.add(namedPortKey(entry.port, entry.protocol));
    }
  }
  const addresses = buildAddressAtoms(blocks);
  const ipAtoms = addresses.ipAtoms;
  const atomsOfPod = podAddressAtoms(
    pods,
    addresses,
    ctx.semantics.ipBlockMatchesPods !== false,
    ctx.nodeTraffic,
  );
  const classes = groupPodClasses(
    pods,
    ctx.namespaceOfPod,
    usedNames,
    (i) => atomsOfPod[i] ?? [],
    (i) => ctx.nodeTraffic[i] === 1,
  );
  const classOf = classes.classOf;
  const reps = Array.from(classes.representative, (i) => pods[i] as Pod);
  const repAtoms = Array.from(classes.representative, (i) => atomsOfPod[i] ?? []);
  const C = classes.count;
  const A = ipAtoms.count;
  const width = C + A;
  const classesOf = (podSet: Bitset): number[] => {
    const seen = new Set<number>();
    podSet.forEach((i) => {
      seen.add(classOf[i] ?? 0);
    });
    return [...seen].sort((a, b) => a - b);
  };

  // Port classes (the compiler's stage): ports cut at every numeric boundary and at every port
  // a used name resolves to, atoms that every rule treats alike merged. A rule's grant is the
  // same on every atom of a class, so judging per class is judging per atom.
  const ranges = new Map<Protocol, PortRange[]>();
  const namedTargets = new Map<Protocol, number[]>();
  const add = <T>(map: Map<Protocol, T[]>, protocol: Protocol, value: T): void => {
    const list = map.get(protocol) ?? [];
    list.push(value);
    map.set(protocol, list);
  };
  for (const site of rules) {
    for (const entry of site.rule.ports ?? []) {
      if (typeof entry.port === 'number') {
        add(ranges, entry.protocol, [entry.port, entry.endPort ?? entry.port] as PortRange);
      }
    }
  }
  for (const pod of reps) {
    for (const p of pod.ports) {
      if (p.name !== undefined && usedNames.has(namedPortKey(p.name, p.protocol))) {
        add(namedTargets, p.protocol, p.containerPort);
      }
    }
  }
  const ports = buildPortClasses({ ranges, namedTargets });
  const K = ports.count;
  const atomOfPort = (protocol: Protocol, port: number): number => ports.classOf(protocol, port);
  const numericAtoms = (entry: PortSpec): number[] => {
    // A port entry with only a protocol matches every port of that protocol.
    const ir: PortIR =
      typeof entry.port === 'number'
        ? {
            kind: 'range',
            protocol: entry.protocol,
            first: entry.port,
            last: entry.endPort ?? entry.port,
          }
        : { kind: 'all', protocol: entry.protocol };
    return ports.maskOf([ir]).toArray();
  };

  // The classes with an address in each IP atom (none unless ipBlocks can match them).
  const classesInAtom = new Map<number, number[]>();
  repAtoms.forEach((own, c) => {
    for (const a of own) classesInAtom.set(a, [...(classesInAtom.get(a) ?? []), c]);
  });

  // A rule's columns: the union of its peers; no peer means every class and address.
  const ruleRow = (site: RuleSite): Bitset => {
    const policy = ctx.policies[site.policy];
    const peers = site.rule.peers ?? [];
    if (!policy || peers.length === 0) return Bitset.full(width);
    const row = new Bitset(width);
    for (const peer of peers) {
      if (peer.kind === 'pods') {
        for (const c of classesOf(ctx.peerPods(policy, peer))) row.add(c);
        continue;
      }
      for (const a of ipAtoms.atomsOf(ctx.blockSet(peer))) {
        row.add(C + a);
        for (const c of classesInAtom.get(a) ?? []) row.add(c);
      }
    }
    return row;
  };

  const rows = rules.map(ruleRow);
  const shared = new Map<number, Grant>();
  const grantOf = (s: number, subject: number): Grant => {
    const site = rules[s] as RuleSite;
    const entries = site.rule.ports ?? [];
    const hasNamed = entries.some((e) => typeof e.port === 'string');
    const cacheable = !(hasNamed && site.direction === 'ingress');
    if (cacheable) {
      const cached = shared.get(s);
      if (cached) return cached;
    }
    const row = rows[s] as Bitset;
    const grant: (Bitset | undefined)[] = new Array(K).fill(undefined);
    if (entries.length === 0) {
      grant.fill(row);
    } else {
      for (const entry of entries) {
        if (typeof entry.port !== 'string') {
          for (const k of numericAtoms(entry)) grant[k] = row;
        } else if (site.direction === 'ingress') {
          // A named port of an ingress rule resolves on the selected pod itself.
          for (const p of (reps[subject] as Pod).ports) {
            if (p.name === entry.port && p.protocol === entry.protocol) {
              grant[atomOfPort(p.protocol, p.containerPort)] = row;
            }
          }
        } else {
          // Of an egress rule: on each destination pod; addresses have no named ports.
          row.forEach((t) => {
            if (t >= C) return;
            for (const p of (reps[t] as Pod).ports) {
              if (p.name !== entry.port || p.protocol !== entry.protocol) continue;
              const k = atomOfPort(p.protocol, p.containerPort);
              const current = grant[k];
              if (current === row) continue;
              const own = current ? current.clone() : new Bitset(width);
              own.add(t);
              grant[k] = own;
            }
          });
        }
      }
    }
    if (cacheable) shared.set(s, grant);
    return grant;
  };
  const isEmptyGrant = (grant: Grant): boolean =>
    grant.every((g) => g === undefined || g.isEmpty());

  // The classes each rule applies to, and the rules applying to each class per direction.
  const subjects = rules.map((site) => classesOf(ctx.selected[site.policy] ?? new Bitset(0)));
  const rulesOf: Record<Direction, number[][]> = {
    ingress: Array.from({ length: C }, () => []),
    egress: Array.from({ length: C }, () => []),
  };
  rules.forEach((site, s) => {
    for (const c of subjects[s] ?? []) rulesOf[site.direction][c]?.push(s);
  });

  // Classes with the same rules (and, where an ingress rule names a port, the same named
  // ports) get the same grants: judge each such group once, on one class.
  interface SubjectGroup {
    readonly rules: readonly number[];
    readonly representative: number;
  }
  const groupsOf: SubjectGroup[][] = rules.map(() => []);
  for (const direction of DIRECTIONS) {
    const byKey = new Map<string, SubjectGroup>();
    rulesOf[direction].forEach((list, c) => {
      if (list.length === 0) return;
      // Named ports of ingress rules resolve on the selected pod: only those names matter.
      const names = new Set<string>();
      if (direction === 'ingress') {
        for (const s of list) {
          for (const e of rules[s]?.rule.ports ?? []) {
            if (typeof e.port === 'string') names.add(`${e.protocol}/${e.port}`);
          }
        }
      }
      const pod = reps[c] as Pod;
      const key = `${list.join(',')}|${pod.ports
        .filter((p) => names.has(`${p.protocol}/${p.name ?? ''}`))
        .map((p) => `${p.protocol}/${p.name}=${p.containerPort}`)
        .sort()
        .join(',')}`;
      if (byKey.has(key)) return;
      const group = { rules: list, representative: c };
      byKey.set(key, group);
      for (const s of list) groupsOf[s]?.push(group);
    });
  }

  const findings: Finding[] = [];
  const scratch = new Bitset(width);
  const flagged = new Set<number>();
  const emptyEverywhere = rules.map((_, s) =>
    (groupsOf[s] ?? []).every((g) => isEmptyGrant(grantOf(s, g.representative))),
  );

  // Judging rule i of a group needs, per port atom, the union of the group's other rules:
  // those before i (not judged yet, so all present) and the kept ones after i. In a long
  // list the first comes from unions stored every BLOCK rules plus the few rules since, and
  // the second is kept up to date as rules are judged, so a rule costs O(BLOCK) unions, not
  // one per rule of the list; a short list is simply walked.
  const BLOCK = 32;
  interface Judging {
    readonly position: ReadonlyMap<number, number>;
    /** `before[b][k]`: the union at port atom k of the rules before position `b * BLOCK`. */
    readonly before: readonly (readonly (Bitset | undefined)[])[];
    /** The union at each port atom of the rules after the current one that were kept. */
    readonly keptAfter: (Bitset | undefined)[];
  }
  const judging = new Map<SubjectGroup, Judging>();
  const judgingOf = (group: SubjectGroup): Judging => {
    let state = judging.get(group);
    if (state) return state;
    const before: (Bitset | undefined)[][] = [];
    const running: (Bitset | undefined)[] = new Array(K).fill(undefined);
    group.rules.forEach((s, i) => {
      if (i % BLOCK === 0) before.push(running.map((b) => b?.clone()));
      grantOf(s, group.representative).forEach((g, k) => {
        if (g === undefined) return;
        const current = running[k];
        if (current) current.or(g);
        else running[k] = g.clone();
      });
    });
    state = {
      position: new Map(group.rules.map((s, i) => [s, i] as const)),
      before,
      keptAfter: new Array(K).fill(undefined),
    };
    judging.set(group, state);
    return state;
  };
  const coveredIn = (s: number, group: SubjectGroup): boolean => {
    const c = group.representative;
    const mine = grantOf(s, c);
    if (group.rules.length <= BLOCK) {
      // A short list: union the other present rules directly.
      const others = group.rules
        .filter((o) => o !== s && !flagged.has(o))
        .map((o) => grantOf(o, c));
      return mine.every((g, k) => {
        if (g === undefined || g.isEmpty()) return true;
        scratch.clear();
        for (const other of others) {
          const h = other[k];
          if (h) scratch.or(h);
        }
        return g.isSubsetOf(scratch);
      });
    }
    const state = judgingOf(group);
    const i = state.position.get(s) ?? 0;
    const block = Math.floor(i / BLOCK);
    return mine.every((g, k) => {
      if (g === undefined || g.isEmpty()) return true;
      scratch.clear();
      const base = state.before[block]?.[k];
      if (base) scratch.or(base);
      for (let j = block * BLOCK; j < i; j++) {
        const h = grantOf(group.rules[j] as number, c)[k];
        if (h) scratch.or(h);
      }
      const after = state.keptAfter[k];
      if (after) scratch.or(after);
      return g.isSubsetOf(scratch);
    });
  };
  const keep = (s: number): void => {
    for (const group of groupsOf[s] ?? []) {
      if (group.rules.length <= BLOCK) continue;
      const state = judgingOf(group);
      grantOf(s, group.representative).forEach((g, k) => {
        if (g === undefined) return;
        const current = state.keptAfter[k];
        if (current) current.or(g);
        else state.keptAfter[k] = g.clone();
      });
    }
  };

  for (let s = rules.length - 1; s >= 0; s--) {
    const site = rules[s] as RuleSite;
    const groups = groupsOf[s] ?? [];
    const covered =
      groups.length > 0 && !emptyEverywhere[s] && groups.every((group) => coveredIn(s, group));
    if (!covered) {
      keep(s);
      continue;
    }
    flagged.add(s);
    const overlapping = new Set<string>();
    for (const { rules: list, representative: c } of groups) {
      const mine = grantOf(s, c);
      for (const o of list) {
        if (o === s || flagged.has(o) || overlapping.size >= 4) continue;
        const theirs = grantOf(o, c);
        const overlaps = mine.some((g, k) => {
          const h = theirs[k];
          return g !== undefined && h !== undefined && g.intersects(h);
        });
        const other = rules[o] as RuleSite;
        const otherPolicy = ctx.policies[other.policy];
        if (overlaps && otherPolicy) {
          overlapping.add(
            `${otherPolicy.namespace}/${otherPolicy.name} ${rulePath(other.direction, other.index)}`,
          );
        }
      }
    }
    const policy = ctx.policies[site.policy];
    if (!policy) continue;
    findings.push(
      policyFinding(
        'rule-redundant',
        'info',
        policy,
        rulePath(site.direction, site.index),
        `allows nothing that other ${site.direction} rules for the same pods do not already ` +
          `allow (${listNames([...overlapping].sort(), 3)})`,
        'remove it, or check whether it was meant to allow another peer or port',
      ),
    );
  }

  // A policy whose rules of a direction admit nothing in the input only isolates.
  const rulesByPolicy = new Map<string, number[]>();
  rules.forEach((site, s) => {
    const key = `${site.policy}/${site.direction}`;
    rulesByPolicy.set(key, [...(rulesByPolicy.get(key) ?? []), s]);
  });
  ctx.policies.forEach((policy, p) => {
    for (const direction of DIRECTIONS) {
      if (!affects(policy, direction) || policy[direction].length === 0) continue;
      const own = rulesByPolicy.get(`${p}/${direction}`) ?? [];
      if (own.length === 0 || (subjects[own[0] as number] ?? []).length === 0) continue;
      if (!own.every((s) => emptyEverywhere[s])) continue;
      findings.push(
        policyFinding(
          'policy-empty-effect',
          'warning',
          policy,
          `spec.${direction}`,
          `its ${direction} rules match no pod or address in the input (their peers or ports ` +
            'match nothing), so the policy only isolates the pods it selects',
          `if isolation is all you want, drop the rules (\`${direction}: []\` says so); ` +
            'otherwise fix the selectors or ports the other findings point at',
        ),
      );
    }
  });
  return findings;
}
