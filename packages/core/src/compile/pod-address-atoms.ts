import type { Pod } from '../model/index.js';
import { IpAtoms, IpSet, parseIp, parseIpv4Fast } from '../net/index.js';

/** An ipBlock peer as the stages read it. */
export interface IpBlock {
  readonly cidr: string;
  readonly except: readonly string[];
}

/** A text that is equal for ipBlocks with the same CIDR and the same `except` list. */
export function ipBlockKey(block: IpBlock): string {
  return `${block.cidr}|${block.except.join(',')}`;
}

/** The addresses an ipBlock peer matches: its CIDR without the `except` CIDRs. */
export function ipBlockSet(block: IpBlock): IpSet {
  let set = IpSet.fromCidr(block.cidr);
  for (const except of block.except) set = set.difference(IpSet.fromCidr(except));
  return set;
}

/** The address space cut at every ipBlock boundary, and where addresses fall in it. */
export interface AddressAtoms {
  /** The address set of each distinct ipBlock, by {@link ipBlockKey}. */
  readonly blockSets: ReadonlyMap<string, IpSet>;
  readonly ipAtoms: IpAtoms;
  /** The atom an address (text) falls in; -1 when it is not an address. */
  atomOf(ip: string): number;
}

/**
 * Cuts the address space at the boundaries of the given ipBlocks: every ipBlock is then a union
 * of atoms, and addresses in one atom are matched by the same ipBlocks.
 * @param blocks - every ipBlock peer of the policies (duplicates are merged)
 */
export function buildAddressAtoms(blocks: Iterable<IpBlock>): AddressAtoms {
  const blockSets = new Map<string, IpSet>();
  for (const block of blocks) {
    const key = ipBlockKey(block);
    if (!blockSets.has(key)) blockSets.set(key, ipBlockSet(block));
  }
  const ipAtoms = IpAtoms.fromSets(blockSets.values());
  const v4Starts = Float64Array.from({ length: ipAtoms.v4Count }, (_, i) =>
    Number(ipAtoms.atom(i).first),
  );
  const atomOf = (ip: string): number => {
    const v4 = parseIpv4Fast(ip);
    if (v4 >= 0) {
      // The last atom starting at or below the address (atom 0 starts at 0.0.0.0).
      let lo = 0;
      let hi = v4Starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((v4Starts[mid] as number) <= v4) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    }
    const parsed = parseIp(ip);
    return parsed ? ipAtoms.atomOf(parsed) : -1;
  };
  return { blockSets, ipAtoms, atomOf };
}

const NO_ATOMS: readonly number[] = Object.freeze([]);

/**
 * The IP atoms of each pod's addresses, sorted and without repeats, where an ipBlock can match
 * the pod: every pod when ipBlocks match pods, and pods that are node traffic in any case. Other
 * pods get none, as do all pods when no policy has an ipBlock (addresses then never matter).
 * @param pods - the pod table
 * @param atoms - the address atoms of the policies' ipBlocks
 * @param ipBlockMatchesPods - whether the plugin lets an ipBlock match a pod by its IP
 * @param nodeTraffic - 1 for pods that are node traffic (optional)
 */
export function podAddressAtoms(
  pods: readonly Pod[],
  atoms: AddressAtoms,
  ipBlockMatchesPods: boolean,
  nodeTraffic?: Uint8Array,
): readonly (readonly number[])[] {
  const none = atoms.blockSets.size === 0;
  return pods.map((pod, i) => {
    if (none || !(ipBlockMatchesPods || nodeTraffic?.[i] === 1)) return NO_ATOMS;
    const list: number[] = [];
    for (const ip of pod.ips) {
      const atom = atoms.atomOf(ip);
      if (atom >= 0 && !list.includes(atom)) list.push(atom);
    }
    return list.length === 0 ? NO_ATOMS : list.sort((a, b) => a - b);
  });
}
