// The peers' own whole-process figures, as ../shared/bench/README.md gives them (one thread, a
// 2-core machine, GNU time, measured once each), and the kube-reach command that gives the same
// answer. `peers.test.ts` checks every figure against that file.

export interface PeerFigure {
  readonly peer: string;
  /** The input, as `bench:cli` names it: generator, pods, policies (default seed). */
  readonly generator: 'gen_cluster' | 'gen_kano';
  readonly pods: number;
  readonly policies: number;
  readonly wallS: number | null;
  readonly cpuS: number | null;
  readonly peakRssMB: number;
  /** What the peer printed. */
  readonly output: string;
  /** The kube-reach command of `CLI_COMMANDS` that answers the same question. */
  readonly command: string;
  readonly note?: string;
}

const NCA = 'network-config-analyzer 2.1.0 `--connectivity -o txt_no_fw_rules`';
const KANO = 'Kano (KuPy, Python bitarray) `build_matrix`';

export const PEER_FIGURES: readonly PeerFigure[] = [
  {
    peer: NCA,
    generator: 'gen_cluster',
    pods: 1000,
    policies: 200,
    wallS: 37.4,
    cpuS: 37.4,
    peakRssMB: 170,
    output: 'every connection',
    command: 'matrix-json',
  },
  {
    peer: NCA,
    generator: 'gen_cluster',
    pods: 2000,
    policies: 300,
    wallS: null,
    cpuS: 188.5,
    peakRssMB: 644,
    output: 'every connection',
    command: 'matrix-json',
  },
  {
    peer: NCA,
    generator: 'gen_cluster',
    pods: 5000,
    policies: 500,
    wallS: 675.6,
    cpuS: 598.4,
    peakRssMB: 3900,
    output: 'every connection (750 MB of text)',
    command: 'matrix-json',
  },
  {
    peer: KANO,
    generator: 'gen_kano',
    pods: 10000,
    policies: 5000,
    wallS: 29.7,
    cpuS: null,
    peakRssMB: 181,
    output: 'pod × pod matrix',
    command: 'matrix-port-json',
    note: 'build 27.0 s',
  },
  {
    peer: KANO,
    generator: 'gen_kano',
    pods: 20000,
    policies: 10000,
    wallS: 123.2,
    cpuS: null,
    peakRssMB: 465,
    output: 'pod × pod matrix',
    command: 'matrix-port-json',
    note: 'build 116.9 s',
  },
];
