/**
 * Small shared pools of names, so that generated selectors really match generated pods and
 * properties are not vacuous. Every entry is valid for the API server.
 */
export const POOLS = {
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
  /** Addresses used as external endpoints in flows: some inside pod ranges, some far away. */
  addresses: [
    '10.0.0.3',
    '10.0.0.200',
    '10.0.1.2',
    '8.8.8.8',
    '192.0.2.1',
    'fd00::2',
    '2001:db8::1',
  ],
  /** CIDRs with exceptions that are strictly inside them, in the same family. */
  ipBlocks: [
    { cidr: '10.0.0.0/24', except: ['10.0.0.0/28', '10.0.0.16/30', '10.0.0.128/25'] },
    { cidr: '10.0.0.0/16', except: ['10.0.1.0/24', '10.0.0.0/24'] },
    { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.0.0/16'] },
    { cidr: '10.0.0.8/29', except: ['10.0.0.9/32'] },
    { cidr: '192.0.2.0/24', except: [] },
    { cidr: 'fd00::/64', except: ['fd00::/126'] },
    { cidr: '::/0', except: ['fd00::/16'] },
  ],
} as const;
