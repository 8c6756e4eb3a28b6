// The CNI profiles: what each network plugin decides where the NetworkPolicy API leaves it open.
// Each knob a profile sets names the doc page, issue or release that backs it; a value we could
// not confirm from the plugin's own material says "unverified", so `reach profiles --explain`
// never presents a guess as a fact.

import type { KnobName, Knobs } from './knobs.js';

/** Where a knob's value comes from. */
export interface KnobSource {
  /** The doc page, issue, PR or release the value is read from, in a few words. */
  readonly text: string;
  /** False when the value is our best reading and the plugin's material does not confirm it. */
  readonly verified: boolean;
}

/** A version of a profile whose knobs differ from the profile's current ones. */
export interface ProfileVersion {
  readonly version: string;
  readonly knobs: Partial<Knobs>;
  readonly sources: { readonly [K in KnobName]?: KnobSource };
}

/** A named, documented set of knobs. Knobs it does not set take the `spec` profile's values. */
export interface Profile {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly summary: string;
  /** The version the unversioned name stands for, when versions are told apart. */
  readonly currentVersion?: string;
  readonly knobs: Partial<Knobs>;
  readonly sources: { readonly [K in KnobName]?: KnobSource };
  readonly versions: readonly ProfileVersion[];
}

const doc = (text: string): KnobSource => ({ text, verified: true });
const unverified = (text: string): KnobSource => ({ text: `unverified: ${text}`, verified: false });

const K8S_DOC = 'kubernetes.io/docs/concepts/services-networking/network-policies';
const CILIUM_CIDR =
  'docs.cilium.io, Policy language, "IP/CIDR based": CIDR rules do not apply to traffic between endpoints Cilium manages';
const CILIUM_ENDPORT =
  'github.com/cilium/cilium/issues/28684: releases before 1.16 (no port ranges) accept endPort and enforce only port';

const cilium: Partial<Knobs> = {
  ipBlockMatchesPods: false,
  ipBlockMatchesNodes: false,
  nodeIngress: 'always',
  egressToOwnNode: 'policed',
  sctp: false,
  adminPolicies: 'none',
};
const ciliumSources: Profile['sources'] = {
  ipBlockMatchesPods: doc(CILIUM_CIDR),
  ipBlockMatchesNodes: doc(
    'docs.cilium.io, policy-cidr-match-mode: node IPs are the host/remote-node entities, not CIDRs, unless the option is set to nodes',
  ),
  nodeIngress: doc(
    'docs.cilium.io, allow-localhost (default auto): traffic from the local host is always allowed',
  ),
  egressToOwnNode: doc(
    'docs.cilium.io, Policy language, "Entities": egress to the host needs toEntities host',
  ),
  sctp: doc('docs.cilium.io, SCTP support is beta and off by default (enable-sctp)'),
  adminPolicies: unverified(
    'Cilium implements no AdminNetworkPolicy API (its own CiliumClusterwideNetworkPolicy)',
  ),
};

/** Every profile, `spec` first, the rest by name. */
export const PROFILES: readonly Profile[] = Object.freeze([
  {
    name: 'spec',
    aliases: ['kubernetes'],
    summary: 'The NetworkPolicy API reference and the upstream e2e tests (the default)',
    knobs: {},
    sources: {
      ipBlockMatchesPods: doc(
        'kubernetes/kubernetes test/e2e/network/netpol: "should allow egress access to server in CIDR block" uses a pod IP',
      ),
      nodeIngress: doc(
        `${K8S_DOC}: traffic to and from the node where a Pod is running is always allowed`,
      ),
      egressToOwnNode: doc(
        `${K8S_DOC}: traffic to and from the node where a Pod is running is always allowed`,
      ),
      hostNetworkSubjects: doc(
        `${K8S_DOC}: host-network pods are left to the plugin; most cannot tell them from the node`,
      ),
      endPort: doc('NetworkPolicy endPort, GA in Kubernetes 1.25'),
      adminPolicies: doc(
        'sigs.k8s.io/network-policy-api: both API versions, as the input has them',
      ),
    },
    versions: [],
  },
  {
    name: 'antrea',
    aliases: [],
    summary: 'Antrea (Open vSwitch)',
    knobs: { nodeIngress: 'gateway', egressToOwnNode: 'policed', adminPolicies: 'v1alpha1' },
    sources: {
      nodeIngress: doc(
        'antrea.io docs, design: traffic from the node comes through antrea-gw0, which policies always allow',
      ),
      egressToOwnNode: unverified('egress to the node is policed like any destination'),
      adminPolicies: doc(
        'antrea.io docs: AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1) since Antrea 1.13',
      ),
    },
    versions: [],
  },
  {
    name: 'aws-vpc-cni',
    aliases: ['eks'],
    summary: 'Amazon VPC CNI with its network policy agent (eBPF)',
    knobs: { ipFamilies: 'single', sctp: false, egressToOwnNode: 'policed', adminPolicies: 'none' },
    sources: {
      ipFamilies: doc(
        'docs.aws.amazon.com EKS: a cluster is IPv4 or IPv6, not dual-stack, so a pod has one IP',
      ),
      sctp: unverified('aws-network-policy-agent enforces TCP and UDP'),
      egressToOwnNode: unverified('egress to the node is policed like any destination'),
      adminPolicies: unverified('no AdminNetworkPolicy support in the network policy agent'),
    },
    versions: [],
  },
  {
    name: 'azure-cilium',
    aliases: ['azure-cni-powered-by-cilium'],
    summary: 'Azure CNI powered by Cilium (AKS)',
    knobs: cilium,
    sources: {
      ...ciliumSources,
      ipBlockMatchesPods: doc(
        'learn.microsoft.com AKS, Azure CNI powered by Cilium, limitations: ipBlock cannot allow pod or node IPs',
      ),
      ipBlockMatchesNodes: doc(
        'learn.microsoft.com AKS, Azure CNI powered by Cilium, limitations: ipBlock cannot allow pod or node IPs',
      ),
    },
    versions: [],
  },
  {
    name: 'azure-npm',
    aliases: ['azure'],
    summary: 'Azure Network Policy Manager (AKS, iptables/ipset)',
    knobs: { endPort: 'ignored', ipFamilies: 'ipv4', sctp: false, adminPolicies: 'none' },
    sources: {
      endPort: doc(
        'learn.microsoft.com AKS, network policies, Azure NPM vs Calico: endPort is not supported',
      ),
      ipFamilies: doc('learn.microsoft.com AKS, network policies: Azure NPM supports IPv4 only'),
      sctp: unverified('Azure NPM enforces TCP and UDP'),
      adminPolicies: doc(
        'learn.microsoft.com AKS: Azure NPM implements Kubernetes NetworkPolicy only',
      ),
    },
    versions: [],
  },
  {
    name: 'calico',
    aliases: [],
    summary: 'Calico (Felix: iptables, nftables or eBPF)',
    currentVersion: '3.31',
    knobs: { adminPolicies: 'v1alpha1' },
    sources: {
      ipBlockMatchesPods: doc('docs.tigera.io: CIDR rules match any IP, workload IPs included'),
      nodeIngress: unverified(
        'host-to-local-workload traffic is allowed (kubelet probes pass under default deny)',
      ),
      egressToOwnNode: doc(
        'docs.tigera.io Felix configuration: DefaultEndpointToHostAction, ACCEPT in the Kubernetes manifests',
      ),
      adminPolicies: doc(
        'docs.tigera.io: AdminNetworkPolicy since 3.29, BaselineAdminNetworkPolicy since 3.30 (v1alpha1)',
      ),
    },
    versions: [
      {
        version: '3.28',
        knobs: { adminPolicies: 'none' },
        sources: {
          adminPolicies: doc('docs.tigera.io: AdminNetworkPolicy arrived in Calico 3.29'),
        },
      },
    ],
  },
  {
    name: 'cilium',
    aliases: [],
    summary: 'Cilium (eBPF)',
    currentVersion: '1.16',
    knobs: cilium,
    sources: ciliumSources,
    versions: ['1.14', '1.15'].map((version) => ({
      version,
      knobs: { endPort: 'ignored' },
      sources: { endPort: doc(CILIUM_ENDPORT) },
    })),
  },
  {
    name: 'flannel',
    aliases: [],
    summary: 'flannel alone: no NetworkPolicy enforcement (every connection is allowed)',
    knobs: { enforcesNetworkPolicy: false, adminPolicies: 'none' },
    sources: {
      enforcesNetworkPolicy: doc(
        'github.com/flannel-io/flannel README: flannel is focused on networking; for network policy use another project such as Calico',
      ),
      adminPolicies: doc('flannel enforces no policy of any kind'),
    },
    versions: [],
  },
  {
    name: 'gke-dataplane-v2',
    aliases: ['gke'],
    summary: 'GKE Dataplane V2 (Cilium-based)',
    knobs: { ...cilium, sctp: true },
    sources: {
      ...ciliumSources,
      ipBlockMatchesPods: doc(
        'cloud.google.com GKE Dataplane V2, network policy limitations: ipBlock does not match Pod IPs',
      ),
      sctp: unverified('GKE Dataplane V2 supports SCTP in network policies (GKE docs on SCTP)'),
    },
    versions: [],
  },
  {
    name: 'kube-network-policies',
    aliases: [],
    summary: 'kubernetes-sigs/kube-network-policies (nfqueue reference implementation)',
    knobs: { adminPolicies: 'v1alpha1' },
    sources: {
      adminPolicies: unverified(
        'implements AdminNetworkPolicy and BaselineAdminNetworkPolicy behind a flag',
      ),
    },
    versions: [],
  },
  {
    name: 'kube-router',
    aliases: [],
    summary: 'kube-router (iptables/ipset)',
    knobs: { egressToOwnNode: 'policed', adminPolicies: 'none' },
    sources: {
      egressToOwnNode: unverified('egress to the node is policed like any destination'),
      adminPolicies: unverified('kube-router implements Kubernetes NetworkPolicy only'),
    },
    versions: [],
  },
  {
    name: 'ovn-kubernetes',
    aliases: ['openshift', 'ovn-k'],
    summary: 'OVN-Kubernetes, also OpenShift (OVN ACLs)',
    knobs: { nodeIngress: 'gateway', adminPolicies: 'v1alpha1', adminPriorityCap: 99 },
    sources: {
      nodeIngress: doc(
        'docs.okd.io, About network policy: policies cannot block traffic from their resident nodes (it comes through the management port)',
      ),
      hostNetworkSubjects: doc(
        'docs.okd.io, About network policy: a network policy does not apply to the host network namespace',
      ),
      adminPolicies: doc(
        'ovn-kubernetes docs: AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1)',
      ),
      adminPriorityCap: doc(
        'ovn-kubernetes docs, AdminNetworkPolicy: priorities 0 to 99 are supported',
      ),
    },
    versions: [],
  },
  {
    name: 'weave',
    aliases: ['weave-net'],
    summary: 'Weave Net (weave-npc), unmaintained since 2.8.1',
    knobs: { endPort: 'ignored', sctp: false, ipFamilies: 'ipv4', adminPolicies: 'none' },
    sources: {
      endPort: doc('Weave Net 2.8.1 (January 2021) predates endPort (alpha in Kubernetes 1.21)'),
      sctp: unverified('weave-npc enforces TCP and UDP'),
      ipFamilies: doc('github.com/weaveworks/weave: IPv4 only'),
      adminPolicies: doc('Weave Net predates the admin network policy API'),
    },
    versions: [],
  },
] satisfies Profile[]);
