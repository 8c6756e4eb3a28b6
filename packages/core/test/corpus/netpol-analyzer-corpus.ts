// Typed access to the netpol-analyzer conformance corpus (../shared/corpus/netpol-analyzer from
// the repository root) and to its plain-ESM helper compare.mjs. The corpus lives outside the
// repository: see ../support/shared-folder.ts for how its suites skip in a plain clone and are
// required in CI.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedPath, skipWithoutShared } from '../support/shared-folder.js';

/** Absolute path of the corpus folder. */
export const CORPUS_DIR: string = sharedPath('corpus/netpol-analyzer/');

/** Whether the corpus is there; the suites that read it are skipped when it is not. */
export const CORPUS_AVAILABLE: boolean = existsSync(join(CORPUS_DIR, 'index.json'));

/**
 * Says, once per suite, that a corpus suite was skipped and why (or fails under CI's
 * REACH_REQUIRE_SHARED=1); call it at the top of the suite's file. Returns whether to skip.
 */
export function skipWithoutCorpus(suite: string): boolean {
  return skipWithoutShared(suite, 'corpus/netpol-analyzer/index.json');
}

export type CorpusPeer =
  | { readonly workload: string; readonly kind: string }
  | { readonly ip: string };

export type CorpusConnections =
  | { readonly all: true }
  | {
      readonly TCP?: readonly (readonly [number, number])[];
      readonly UDP?: readonly (readonly [number, number])[];
      readonly SCTP?: readonly (readonly [number, number])[];
    };

export interface CorpusPair {
  readonly from: CorpusPeer;
  readonly to: CorpusPeer;
  readonly connections: CorpusConnections;
}

export interface CorpusCase {
  readonly case: string;
  readonly group: 'netpol-v1' | 'netpol-v1-ingress-lines-dropped' | 'anp-banp';
  readonly inputFiles: readonly string[];
  readonly notes: readonly string[];
  readonly workloads: readonly { readonly workload: string; readonly kind: string }[];
  readonly ipAtoms: {
    readonly sources: readonly string[];
    readonly destinations: readonly string[];
  };
  readonly pairs: readonly CorpusPair[];
}

export interface PairDiff {
  readonly missing: string[];
  readonly unexpected: string[];
  readonly different: string[];
  readonly equal: boolean;
}

/** The parts of compare.mjs this suite uses, with their types. */
interface CompareModule {
  peerKey(peer: CorpusPeer): string;
  diffPairs(expected: readonly CorpusPair[], actual: readonly CorpusPair[]): PairDiff;
  parseIpRanges(text: string): [number, number][];
  diffPairsIgnoringIpAtoms(
    expected: readonly CorpusPair[],
    actual: readonly CorpusPair[],
  ): PairDiff;
}

const unavailable = (): never => {
  throw new Error(`netpol-analyzer corpus not found at ${CORPUS_DIR}`);
};
const compare: CompareModule = CORPUS_AVAILABLE
  ? await import(pathToFileURL(join(CORPUS_DIR, 'compare.mjs')).href)
  : {
      peerKey: unavailable,
      diffPairs: unavailable,
      parseIpRanges: unavailable,
      diffPairsIgnoringIpAtoms: unavailable,
    };

/** `ns/name[Kind]` for a workload, the range text for an IP peer. */
export const peerKey: (peer: CorpusPeer) => string = compare.peerKey;

/** Exact comparison of pairs (same IP atoms, same canonical connections). */
export const diffPairs: CompareModule['diffPairs'] = compare.diffPairs;

/** Comparison that ignores how the IPv4 space was cut into atoms (README, "Comparing"). */
export const diffPairsIgnoringIpAtoms: CompareModule['diffPairsIgnoringIpAtoms'] =
  compare.diffPairsIgnoringIpAtoms;

/** `a.b.c.d-e.f.g.h` as integer ranges. */
export const parseIpRanges: (text: string) => [number, number][] = compare.parseIpRanges;

/** The cases of the given groups, in index order. */
export function corpusCases(groups: readonly CorpusCase['group'][]): string[] {
  if (!CORPUS_AVAILABLE) return [];
  const index = readJson(join(CORPUS_DIR, 'index.json')) as {
    cases: { case: string; group: CorpusCase['group'] }[];
  };
  return index.cases.filter((c) => groups.includes(c.group)).map((c) => c.case);
}

export function readCase(name: string): CorpusCase {
  return readJson(join(CORPUS_DIR, name, 'expected.json')) as CorpusCase;
}

/** The case's input files as `{ name, text }`, names relative to its `input/` folder. */
export function readInputs(expected: CorpusCase): { name: string; text: string }[] {
  return expected.inputFiles.map((name) => ({
    name,
    text: readFileSync(join(CORPUS_DIR, expected.case, 'input', name), 'utf8'),
  }));
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
