import { Bitset, setRange } from '../bitset/index.js';
import type { AdminPeer, AdminSubject, LabelSelector, Node, Pod } from '../model/index.js';
import { IpSet } from '../net/index.js';
import { compileSelector } from '../select/index.js';
import type { ClassSelection } from './class-selection.js';
import type { AddressAtoms } from './pod-address-atoms.js';
import { selectorKey } from './rule-terms.js';

/**
 * The peer rows of the admin policies: what a subject or a peer matches, as a row of pod
 * classes then IP atoms (the layout of every allowed set). Rows are cached by what they match.
 */
export class AdminRows {
  readonly width: number;
  private readonly C: number;
  private readonly cache = new Map<string, Bitset>();

  /**
   * @param selection - class selection over the pod classes
   * @param reps - the representative pod of each class
   * @param hostClasses - classes of host-network pods: never subjects nor pod peers
   * @param addresses - the address atoms (admin CIDRs and node addresses included)
   * @param atomsOfClass - every IP atom a class's pods have an address in
   * @param nodes - the cluster's Nodes
   */
  constructor(
    private readonly selection: ClassSelection,
    private readonly reps: readonly Pod[],
    readonly hostClasses: Bitset,
    private readonly addresses: AddressAtoms,
    private readonly atomsOfClass: readonly (readonly number[])[],
    private readonly nodes: readonly Node[],
  ) {
    this.C = selection.count;
    this.width = this.C + addresses.ipAtoms.count;
  }

  /** The classes a subject selects (host-network pods never), as a row of width `width`. */
  subject(subject: AdminSubject): Bitset {
    return this.cached(`s${this.selectorsKey(subject)}`, () => this.podsRow(subject));
  }

  /** What a peer matches. */
  peer(peer: AdminPeer): Bitset {
    switch (peer.kind) {
      case 'namespaces':
      case 'pods':
        return this.subject(peer);
      case 'networks':
        // CIDRs match addresses outside and the pods (host-network ones too) inside them.
        return this.cached(`n${[...peer.cidrs].sort().join(',')}`, () =>
          this.addressRow(
            peer.cidrs.reduce((set, cidr) => set.union(IpSet.fromCidr(cidr)), IpSet.EMPTY),
            false,
          ),
        );
      case 'nodes':
        // The selected Nodes' addresses, and the host-network pods that share them.
        return this.cached(`o${selectorKey(peer.nodeSelector)}`, () => {
          const matches = compileSelector(peer.nodeSelector);
          let set = IpSet.EMPTY;
          for (const node of this.nodes) {
            if (!matches(node.labels)) continue;
            for (const address of node.addresses) {
              set = set.union(IpSet.fromCidr(`${address}/${address.includes(':') ? 128 : 32}`));
            }
          }
          return this.addressRow(set, true);
        });
      case 'domainNames':
        // Domain rules match FQDN traffic only: never an IP, never a pod.
        return new Bitset(this.width);
    }
  }

  /** Whether class `c` is a host-network pod's. */
  isHost(c: number): boolean {
    return this.hostClasses.has(c);
  }

  /** The representative pod of class `c`. */
  rep(c: number): Pod {
    return this.reps[c] as Pod;
  }

  private selectorsKey(subject: AdminSubject): string {
    const pods = subject.kind === 'pods' ? selectorKey(subject.podSelector) : '*';
    return `${selectorKey(subject.namespaceSelector)}|${pods}`;
  }

  private podsRow(subject: AdminSubject): Bitset {
    const row = new Bitset(this.width);
    const namespaces = this.selection.selectNamespaces(subject.namespaceSelector);
    const podSelector: LabelSelector | undefined =
      subject.kind === 'pods' ? subject.podSelector : undefined;
    this.selection.selectInto(namespaces.toArray(), namespaces, podSelector, row.words);
    this.hostClasses.forEach((c) => {
      row.delete(c);
    });
    return row;
  }

  private addressRow(set: IpSet, hostOnly: boolean): Bitset {
    const row = new Bitset(this.width);
    const ranges = this.addresses.ipAtoms.atomRangesOf(set);
    for (let i = 0; i < ranges.length; i += 2) {
      setRange(row.words, this.C + (ranges[i] as number), this.C + (ranges[i + 1] as number) + 1);
    }
    for (let c = 0; c < this.C; c++) {
      if (hostOnly && !this.hostClasses.has(c)) continue;
      for (const atom of this.atomsOfClass[c] ?? []) {
        if (row.has(this.C + atom)) {
          row.add(c);
          break;
        }
      }
    }
    return row;
  }

  private cached(key: string, make: () => Bitset): Bitset {
    let row = this.cache.get(key);
    if (row === undefined) {
      row = make();
      this.cache.set(key, row);
    }
    return row;
  }
}
