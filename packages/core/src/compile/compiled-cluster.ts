import type { Cluster, Namespace, Pod, SemanticsOptions } from '../model/index.js';
import { compareByNamespaceAndName } from '../model/index.js';
import type { IpAtoms } from '../net/index.js';
import type { Knobs } from '../profiles/index.js';
import { applyProfile, knobsOf } from '../profiles/index.js';
import type { AdminTiers } from './admin-compile.js';
import { compileAdminTiers } from './admin-compile.js';
import { collectAdminInput } from './admin-input.js';
import { AllowedRows, AllowedSetIds, EAGER_ROW_BUDGET } from './allowed-rows.js';
import { ClassSelection } from './class-selection.js';
import type { DirectionRules } from './direction-rules.js';
import { buildDirectionRules, DENSE_SET_TABLE } from './direction-rules.js';
import { collectNamedPorts, namedDestinations, namedPortTargets } from './named-ports.js';
import type { Exemptions } from './node-split.js';
import { buildExemptions, planNodes } from './node-split.js';
import { buildAddressAtoms, podAddressAtoms } from './pod-address-atoms.js';
import type { PodClasses } from './pod-classes.js';
import { groupPodClasses } from './pod-classes.js';
import { buildPodTable } from './pod-table.js';
import type { PolicyIR } from './policy-ir.js';
import { allPeers, normalizePolicy } from './policy-ir.js';
import { buildPolicyTries } from './policy-trie.js';
import type { PortClasses } from './port-classes.js';
import { buildPortClasses, portRangesOf, rulePortMasks } from './port-classes.js';
import { RuleTerms } from './rule-terms.js';

/** Everything the engine needs, computed once from a cluster. Immutable after construction. */
export interface CompiledCluster {
  readonly options: SemanticsOptions;
  /** Every knob's value: the profile's, with the options given winning. */
  readonly knobs: Knobs;
  /** The cluster as given (names, labels, IPs for endpoint resolution). */
  readonly cluster: Cluster;
  /** The cluster as the plugin enforces it (see `applyProfile`); `pods` are its pods. */
  readonly effective: Cluster;
  /** Pods sorted by (namespace, name); a pod's index is its position here. */
  readonly pods: readonly Pod[];
  readonly podIndex: ReadonlyMap<string, number>;
  readonly namespaces: readonly Namespace[];
  readonly namespaceOfPod: Int32Array;
  readonly policies: readonly PolicyIR[];
  readonly classes: PodClasses;
  readonly ipAtoms: IpAtoms;
  readonly ports: PortClasses;
  /** Width of a row: pod classes, then IP atoms. */
  readonly width: number;
  /** The allowed sets both directions point into. */
  readonly rows: AllowedRows;
  readonly ingress: DirectionRules;
  readonly egress: DirectionRules;
  /** The (class, column) pairs own-node and host-network traffic exempt from policy. */
  readonly exempt: { readonly ingress: Exemptions; readonly egress: Exemptions };
  /** Each node's own addresses (its Node addresses and its host-network pods' IPs). */
  readonly nodeAddresses: ReadonlyMap<string, readonly string[]>;
  /** The admin tiers (AdminNetworkPolicy and friends); absent when the cluster has none. */
  readonly admin?: AdminTiers;
}

/**
 * Compiles a cluster, stage by stage: orders pods and namespaces, cuts addresses into atoms,
 * groups pods into classes, cuts ports into classes, groups classes by the policies that
 * select them, and builds the deduplicated allowed sets of both directions.
 *
 * @param rowBudget - bytes the rows may take when built eagerly; above it they are computed on
 *   demand (tests pass 0 to exercise that path)
 * @param denseSetTable - largest groups x port classes table kept dense; runs above it
 */
export function compileCluster(
  cluster: Cluster,
  options: SemanticsOptions,
  rowBudget: number = EAGER_ROW_BUDGET,
  denseSetTable: number = DENSE_SET_TABLE,
): CompiledCluster {
  // The plugin's view of the input: knobs that are rewrites (endPort ignored, SCTP or IPv6 not
  // enforced, no enforcement at all, ...) are applied here, once.
  const knobs = knobsOf(options);
  const effective = applyProfile(
    cluster,
    knobs,
    (pod) => pod.hostNetwork && options.hostNetworkPods === 'node',
  );
  const table = buildPodTable(effective, options);
  const { pods, namespaceOfPod, namespaceIndex } = table;
  const policies = [...effective.policies].sort(compareByNamespaceAndName).map(normalizePolicy);
  const plan = planNodes(pods, table.nodeTraffic, effective, knobs);

  // IP atoms: the address space cut at every ipBlock boundary. An ipBlock matches a pod by its
  // IP only when the plugin is assumed to do so (node traffic always); with no ipBlock at all,
  // pod addresses never matter.
  const ipBlocks = [...allPeers(policies)].filter((peer) => peer.kind === 'ipBlock');
  // Own-node traffic is exempt per node: each node address gets an atom of its own. Admin
  // policies' `networks` CIDRs and Node addresses cut the address space too; they match pods by
  // their IPs whatever ipBlockMatchesPods says.
  const admin = collectAdminInput(effective);
  const addresses = buildAddressAtoms([...ipBlocks, ...plan.blocks, ...(admin?.blocks ?? [])]);
  const atomsOfPod = podAddressAtoms(
    pods,
    addresses,
    options.ipBlockMatchesPods !== false,
    table.nodeTraffic,
  );
  const adminAtomsOfPod =
    admin === undefined || options.ipBlockMatchesPods !== false
      ? atomsOfPod
      : podAddressAtoms(pods, addresses, true);

  // Pods no policy can tell apart form one class; node traffic is kept apart from pods, and so
  // are host-network pods when admin policies exist (they are never admin subjects or peers).
  const named = collectNamedPorts(policies);
  const usedNames = admin === undefined ? named.used : new Set([...named.used, ...admin.namedKeys]);
  const classes = groupPodClasses(
    pods,
    namespaceOfPod,
    usedNames,
    (i) => adminAtomsOfPod[i] ?? [],
    (i) => table.nodeTraffic[i] === 1 || (admin !== undefined && pods[i]?.hostNetwork === true),
    plan.nodeKey,
  );
  const reps = Array.from(classes.representative, (i) => pods[i] as Pod);
  const atomsOfClass = Array.from(classes.representative, (i) => atomsOfPod[i] ?? []);
  const selection = new ClassSelection(table, classes);

  // Ports: every numeric range a rule uses, and every port a used name resolves to on a pod.
  const ranges = portRangesOf(policies);
  for (const [protocol, list] of admin?.ranges ?? []) {
    ranges.set(protocol, [...(ranges.get(protocol) ?? []), ...list]);
  }
  const ports = buildPortClasses({
    ranges,
    namedTargets: namedPortTargets(reps, selection.nodeTraffic, usedNames),
  });

  const terms = new RuleTerms(selection, addresses, atomsOfClass, namespaceIndex);
  const tries = buildPolicyTries(policies, namespaceIndex, selection);
  const sets = new AllowedSetIds();
  const input = {
    policies,
    reps,
    ports,
    named,
    namedDestinations: namedDestinations(reps, selection.nodeTraffic, named.used, ports),
    portMasks: rulePortMasks(policies, ports),
    terms,
    sets,
    denseSetTable,
  };
  const ingress = buildDirectionRules('ingress', tries.ingress, input);
  const egress = buildDirectionRules('egress', tries.egress, input);
  const { start, terms: flat } = sets.toArrays();
  const exempt = buildExemptions({
    knobs,
    plan,
    nodeTraffic: table.nodeTraffic,
    representative: classes.representative,
    classCount: classes.count,
    atomOf: addresses.atomOf,
  });
  const adminTiers =
    admin === undefined
      ? undefined
      : compileAdminTiers({
          admin,
          selection,
          reps,
          addresses,
          atomsOfClass: Array.from(classes.representative, (i) => adminAtomsOfPod[i] ?? []),
          ports,
          nodes: effective.nodes ?? [],
        });

  return {
    options,
    knobs,
    cluster,
    effective,
    pods,
    podIndex: table.podIndex,
    namespaces: table.namespaces,
    namespaceOfPod,
    policies,
    classes,
    ipAtoms: addresses.ipAtoms,
    ports,
    width: terms.width,
    rows: new AllowedRows(terms, start, flat, rowBudget),
    ingress,
    egress,
    exempt,
    nodeAddresses: plan.addresses,
    ...(adminTiers === undefined ? {} : { admin: adminTiers }),
  };
}
