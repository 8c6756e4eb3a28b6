/** An ipBlock as a pool entry: a CIDR and exceptions strictly inside it, in the same family. */
export interface IpBlockEntry {
  readonly cidr: string;
  readonly except: readonly string[];
}

/**
 * The small sets of names and numbers generated objects draw from. Drawing from small shared
 * pools is what makes generated selectors match generated pods, named ports resolve and
 * ipBlocks contain pod IPs, so that properties are not vacuous. Every entry is valid for the
 * API server; every list but `podIps` and `ipBlocks` is non-empty.
 */
export interface Pools {
  readonly namespaces: readonly string[];
  /** Keys and values of pod labels and pod selectors. */
  readonly labelKeys: readonly string[];
  readonly labelValues: readonly string[];
  /** Keys and values of namespace labels and namespace selectors. */
  readonly namespaceLabelKeys: readonly string[];
  readonly namespaceLabelValues: readonly string[];
  /** Container port names, which policies may use as named ports. */
  readonly portNames: readonly string[];
  readonly portNumbers: readonly number[];
  /** Pod IPs (a generated cluster keeps them unique). */
  readonly podIps: readonly string[];
  /** Addresses used as external endpoints in flows: some inside pod ranges, some far away. */
  readonly addresses: readonly string[];
  readonly ipBlocks: readonly IpBlockEntry[];
}

/**
 * The default pools: three namespaces, three label keys and values, a few ports, IPv4 and IPv6
 * addresses, and ipBlocks whose exceptions cut through the pod IPs. Use {@link poolsOf} to get
 * pools drawn from a real cluster instead.
 */
export const POOLS: Pools = {
  namespaces: ['alpha', 'beta', 'gamma'],
  labelKeys: ['app', 'tier', 'example.com/team'],
  labelValues: ['web', 'api', 'db'],
  namespaceLabelKeys: ['team', 'env'],
  namespaceLabelValues: ['ops', 'dev'],
  portNames: ['http', 'metrics', 'dns'],
  portNumbers: [53, 80, 443, 8080, 9090],
  podIps: [
    '10.0.0.3',
    '10.0.0.9',
    '10.0.0.17',
    '10.0.0.130',
    '10.0.1.2',
    '10.0.1.77',
    '192.168.5.5',
    'fd00::2',
    'fd00::1:5',
    '2001:db8::9',
  ],
  addresses: [
    '10.0.0.3',
    '10.0.0.200',
    '10.0.1.2',
    '8.8.8.8',
    '192.0.2.1',
    'fd00::2',
    '2001:db8::1',
  ],
  ipBlocks: [
    { cidr: '10.0.0.0/24', except: ['10.0.0.0/28', '10.0.0.16/30', '10.0.0.128/25'] },
    { cidr: '10.0.0.0/16', except: ['10.0.1.0/24', '10.0.0.0/24'] },
    { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.0.0/16'] },
    { cidr: '10.0.0.8/29', except: ['10.0.0.9/32'] },
    { cidr: '192.0.2.0/24', except: [] },
    { cidr: 'fd00::/64', except: ['fd00::/126'] },
    { cidr: '::/0', except: ['fd00::/16'] },
  ],
};
