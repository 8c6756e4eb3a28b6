import { Bitset } from '../bitset/index.js';
import type { AdminAction, AdminPolicy, AdminRule } from '../model/index.js';
import type { AdminRows } from './admin-rows.js';
import type { PortClasses } from './port-classes.js';

/** The Admin tier (or, for a pod no NetworkPolicy isolates, the Baseline tier) allows. */
export const ADMIN_ALLOW = 1;
/** The Admin tier (or the Baseline tier, for a pod no NetworkPolicy isolates) denies. */
export const ADMIN_DENY = 0;
/** No admin rule decided, or a Pass: the NetworkPolicy tier decides (allow if not isolated). */
export const ADMIN_NEXT = 2;

/** One rule of an admin policy as the tier tables read it. */
interface RuleInfo {
  readonly action: AdminAction;
  readonly baseline: boolean;
  /** What the rule's peers match. */
  readonly peers: Bitset;
  /** Port classes the numeric entries cover (every class when the rule names no port). */
  readonly mask: Bitset;
  /** Named ports of the rule. */
  readonly names: readonly string[];
  /** The peers match nothing (the rule never decides). */
  readonly empty: boolean;
}

/**
 * What the admin tiers decide in one direction, per pod class, port class and peer column:
 * classes that the same admin policies select (and, on ingress, that resolve the rules' named
 * ports alike) share a group; each group has, per port class, three rows: where the Admin tier
 * accepts, where it denies (Pass and no match are in neither), and where the Baseline tier
 * denies. The order of rules and priorities is settled here, once: at query time it is three
 * bit tests.
 */
export class AdminDirection {
  /** The admin group of each class; -1 when no admin policy with rules here selects it. */
  readonly groupOf: Int32Array;
  readonly groupCount: number;
  private readonly K: number;
  /** `(g * K + k) * 3 + {0: accept, 1: deny, 2: baseline deny}` -> row id in `pool`. */
  private readonly table: Int32Array;
  private readonly pool: readonly Bitset[];

  constructor(
    groupOf: Int32Array,
    groupCount: number,
    K: number,
    table: Int32Array,
    pool: Bitset[],
  ) {
    this.groupOf = groupOf;
    this.groupCount = groupCount;
    this.K = K;
    this.table = table;
    this.pool = pool;
  }

  /** Bytes of the rows and the table. */
  get byteLength(): number {
    return this.table.byteLength + this.pool.reduce((n, row) => n + row.words.byteLength, 0);
  }

  private row(g: number, k: number, which: 0 | 1 | 2): Bitset {
    return this.pool[this.table[(g * this.K + k) * 3 + which] ?? 0] as Bitset;
  }

  /**
   * What the admin tiers say for class `c` towards (or from) `column` on port class `k`:
   * {@link ADMIN_ALLOW}, {@link ADMIN_DENY}, or {@link ADMIN_NEXT} (NetworkPolicy decides).
   * @param npIsolated - whether some NetworkPolicy isolates the class in this direction
   */
  decide(c: number, column: number, k: number, npIsolated: boolean): number {
    const g = this.groupOf[c] ?? -1;
    if (g < 0) return ADMIN_NEXT;
    return this.decideGroup(g, column, k, npIsolated);
  }

  /** As {@link AdminDirection.decide}, for admin group `g`. */
  decideGroup(g: number, column: number, k: number, npIsolated: boolean): number {
    const at = (g * this.K + k) * 3;
    if ((this.pool[this.table[at] ?? 0] as Bitset).has(column)) return ADMIN_ALLOW;
    if ((this.pool[this.table[at + 1] ?? 0] as Bitset).has(column)) return ADMIN_DENY;
    if (npIsolated) return ADMIN_NEXT;
    // Not isolated by a NetworkPolicy: the Baseline tier, then the default, allow.
    return (this.pool[this.table[at + 2] ?? 0] as Bitset).has(column) ? ADMIN_DENY : ADMIN_ALLOW;
  }

  /**
   * The classes (first `C` bits) class `c`'s side allows on port class k, given what the
   * NetworkPolicy tier allows (`networkPolicy`, absent when not isolated); undefined when no
   * admin policy selects the class.
   */
  side(c: number, k: number, C: number, networkPolicy: Bitset | undefined): Bitset | undefined {
    const g = this.groupOf[c] ?? -1;
    if (g < 0) return undefined;
    const accept = this.row(g, k, 0);
    const deny = this.row(g, k, 1);
    const out = new Bitset(C);
    const words = out.words;
    const base = networkPolicy?.words;
    const baseline = this.row(g, k, 2).words;
    for (let w = 0; w < words.length; w++) {
      const np = base === undefined ? ~(baseline[w] as number) : (base[w] as number);
      words[w] = (accept.words[w] as number) | (np & ~(deny.words[w] as number));
    }
    const tail = C & 31;
    if (tail !== 0 && words.length > 0) {
      words[words.length - 1] = (words[words.length - 1] as number) & ((1 << tail) - 1);
    }
    return out;
  }
}

/** What the admin stage is built from. */
export interface AdminTierInput {
  readonly policies: readonly AdminPolicy[];
  readonly rows: AdminRows;
  readonly ports: PortClasses;
  /** Per name, per port class, the classes (a row) where the name means that port class. */
  readonly namedDestinations: ReadonlyMap<string, ReadonlyMap<number, Bitset>>;
}

/**
 * Builds the admin tables of one direction: groups the selected classes, then walks, per group
 * and port class, the rules in evaluation order (Admin tier by priority, then Baseline), each
 * rule deciding what it matches that no earlier rule decided. A Pass decides too: it keeps
 * what it matches out of the later rules of its tier and out of both rows.
 */
export function buildAdminDirection(
  direction: 'ingress' | 'egress',
  input: AdminTierInput,
): AdminDirection {
  const { policies, rows, ports } = input;
  const C = rows.hostClasses.size;
  const W = rows.width;
  const K = ports.count;
  const infos = policies.map((policy) =>
    (direction === 'ingress' ? policy.ingress : policy.egress).map(
      (rule): RuleInfo => ruleInfo(policy, rule, rows, ports),
    ),
  );
  const subjects = policies.map((policy, p) =>
    (infos[p]?.length ?? 0) > 0 ? rows.subject(policy.subject) : undefined,
  );
  const usesNames = (list: readonly number[]): boolean =>
    direction === 'ingress' && list.some((p) => (infos[p] ?? []).some((r) => r.names.length > 0));

  // Groups: the list of policies selecting a class, and on ingress its named ports.
  const listOf: number[][] = Array.from({ length: C }, () => []);
  subjects.forEach((row, p) => {
    row?.forEach((c) => {
      if (c < C) listOf[c]?.push(p);
    });
  });
  const groupOf = new Int32Array(C).fill(-1);
  const keys = new Map<string, number>();
  const groupPolicies: number[][] = [];
  const groupRep: number[] = [];
  for (let c = 0; c < C; c++) {
    const list = listOf[c] as number[];
    if (list.length === 0) continue;
    let key = list.join(',');
    if (usesNames(list)) key += `|${resolution(rows, c)}`;
    let g = keys.get(key);
    if (g === undefined) {
      g = groupPolicies.length;
      keys.set(key, g);
      groupPolicies.push(list);
      groupRep.push(c);
    }
    groupOf[c] = g;
  }

  const pool = new RowPool(W);
  const scratch = scratchOf(W);
  const table = new Int32Array(groupPolicies.length * K * 3);
  groupPolicies.forEach((list, g) => {
    const rules = list.flatMap((p) => infos[p] ?? []);
    // Ingress named ports resolve on the subject: the port classes each rule's names mean there.
    const namedOnSubject = rules.map((rule) =>
      direction === 'ingress' ? subjectPortClasses(rows, groupRep[g] ?? 0, rule, ports) : undefined,
    );
    const byShape = new Map<string, readonly [number, number, number]>();
    const egressNames = direction === 'egress' && rules.some((rule) => rule.names.length > 0);
    for (let k = 0; k < K; k++) {
      let shape = '';
      for (let r = 0; r < rules.length; r++) {
        const rule = rules[r] as RuleInfo;
        if (rule.empty) shape += '-';
        else if (rule.mask.has(k) || namedOnSubject[r]?.has(k) === true) shape += 'F';
        else shape += direction === 'egress' && rule.names.length > 0 ? 'n' : '-';
      }
      if (egressNames) shape += `#${k}`;
      let ids = byShape.get(shape);
      if (ids === undefined) {
        ids = walkRules(rules, shape, k, input.namedDestinations, pool, scratch);
        byShape.set(shape, ids);
      }
      table.set(ids, (g * K + k) * 3);
    }
  });
  return new AdminDirection(groupOf, groupPolicies.length, K, table, pool.rows);
}

/** Scratch rows for {@link walkRules}, allocated once per direction. */
interface Scratch {
  readonly accept: Uint32Array;
  readonly deny: Uint32Array;
  readonly baselineDeny: Uint32Array;
  readonly adminLeft: Uint32Array;
  readonly baselineLeft: Uint32Array;
  readonly where: Uint32Array;
}

function scratchOf(W: number): Scratch {
  const n = Math.ceil(W / 32);
  return {
    accept: new Uint32Array(n),
    deny: new Uint32Array(n),
    baselineDeny: new Uint32Array(n),
    adminLeft: new Uint32Array(n),
    baselineLeft: new Uint32Array(n),
    where: new Uint32Array(n),
  };
}

/**
 * The rows (accept, deny, baseline deny) of one group on one port class, as pool ids. Word by
 * word on scratch rows: the first rule to match decides, so each rule takes only what no
 * earlier rule of its tier took.
 */
function walkRules(
  rules: readonly RuleInfo[],
  shape: string,
  k: number,
  namedDestinations: ReadonlyMap<string, ReadonlyMap<number, Bitset>>,
  pool: RowPool,
  scratch: Scratch,
): readonly [number, number, number] {
  const { accept, deny, baselineDeny, adminLeft, baselineLeft, where } = scratch;
  accept.fill(0);
  deny.fill(0);
  baselineDeny.fill(0);
  adminLeft.fill(0xffffffff);
  baselineLeft.fill(0xffffffff);
  const n = accept.length;
  rules.forEach((rule, r) => {
    const state = shape[r];
    if (state === '-') return;
    const peers = rule.peers.words;
    const named = state === 'n';
    if (named) {
      // An egress named port: only the destinations where the name means port class k.
      where.fill(0);
      for (const name of rule.names) {
        const row = namedDestinations.get(name)?.get(k);
        if (row === undefined) continue;
        for (let w = 0; w < n; w++) where[w] = (where[w] as number) | (row.words[w] as number);
      }
    }
    const left = rule.baseline ? baselineLeft : adminLeft;
    const into =
      rule.action === 'Accept'
        ? rule.baseline
          ? undefined
          : accept
        : rule.action === 'Deny'
          ? rule.baseline
            ? baselineDeny
            : deny
          : undefined;
    for (let w = 0; w < n; w++) {
      let hit = (peers[w] as number) & (left[w] as number);
      if (named) hit &= where[w] as number;
      if (hit === 0) continue;
      left[w] = (left[w] as number) & ~hit;
      if (into !== undefined) into[w] = (into[w] as number) | hit;
    }
  });
  return [pool.idOf(accept), pool.idOf(deny), pool.idOf(baselineDeny)];
}

function ruleInfo(
  policy: AdminPolicy,
  rule: AdminRule,
  rows: AdminRows,
  ports: PortClasses,
): RuleInfo {
  const peers = new Bitset(rows.width);
  for (const peer of rule.peers) peers.or(rows.peer(peer));
  let mask: Bitset;
  const names: string[] = [];
  if (rule.ports === undefined) {
    mask = ports.all;
  } else {
    mask = ports.maskOf(
      rule.ports.flatMap((port) => {
        if (port.kind === 'named') {
          names.push(port.name);
          return [];
        }
        return [{ kind: 'range', protocol: port.protocol, first: port.first, last: port.last }];
      }),
    );
  }
  const empty = peers.isEmpty();
  return { action: rule.action, baseline: policy.tier === 'Baseline', peers, mask, names, empty };
}

/** The port classes the rule's named ports mean on class `c` (the subject, for ingress). */
function subjectPortClasses(
  rows: AdminRows,
  c: number,
  rule: RuleInfo,
  ports: PortClasses,
): Bitset | undefined {
  if (rule.names.length === 0) return undefined;
  const out = new Bitset(ports.count);
  for (const port of rows.rep(c).ports) {
    if (port.name !== undefined && rule.names.includes(port.name)) {
      out.add(ports.classOf(port.protocol, port.containerPort));
    }
  }
  return out;
}

/** What named ports mean on class `c`'s pods, as text (equal texts resolve alike). */
function resolution(rows: AdminRows, c: number): string {
  return rows
    .rep(c)
    .ports.filter((p) => p.name !== undefined)
    .map((p) => `${p.name}/${p.protocol}=${p.containerPort}`)
    .sort()
    .join(',');
}

/** Rows interned by content; row 0 is empty. */
class RowPool {
  readonly rows: Bitset[];
  private readonly byHash = new Map<number, number[]>();

  constructor(private readonly width: number) {
    this.rows = [new Bitset(width)];
  }

  /** The id of a row with these words (copied when new). */
  idOf(words: Uint32Array): number {
    let hash = 0x811c9dc5;
    let empty = true;
    for (const word of words) {
      if (word !== 0) empty = false;
      hash = Math.imul(hash ^ word, 0x01000193);
    }
    if (empty) return 0;
    let bucket = this.byHash.get(hash);
    if (bucket === undefined) {
      bucket = [];
      this.byHash.set(hash, bucket);
    }
    for (const id of bucket) if (sameWords((this.rows[id] as Bitset).words, words)) return id;
    const id = this.rows.length;
    this.rows.push(new Bitset(this.width, words.slice()));
    bucket.push(id);
    return id;
  }
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
