// Generated clusters as directories of YAML files, the way a user hands them to `reach -f DIR`,
// cached by generator, size and seed (generating 10k pods of YAML takes longer than some of the
// commands measured). Each input has a BASE directory and a HEAD with a few policies changed.

import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { dump, loadAll } from 'js-yaml';
import { generateObjects, PROFILE_NAMES } from '../generate.js';
import { changePolicies } from './head.js';

/** The Python generators of `../shared/bench` (the peers' inputs) and the in-repo profiles. */
export const PYTHON_GENERATORS: readonly string[] = ['gen_cluster', 'gen_kano'];

export interface InputSpec {
  /** `gen_cluster`, `gen_kano`, or a profile of `src/profiles.ts`. */
  readonly generator: string;
  readonly pods: number;
  readonly policies: number;
  readonly seed: number;
}

export interface ClusterInput extends InputSpec {
  readonly base: string;
  readonly head: string;
  /** Size of the BASE YAML. */
  readonly bytes: number;
  /** A port the policies use, for `matrix --port`. */
  readonly port: number;
  /** Policies changed between BASE and HEAD. */
  readonly changed: number;
}

/** The cache key: one folder per generator, size and seed. */
export function inputKey(spec: InputSpec): string {
  return `${spec.generator}-${spec.pods}-${spec.policies}-s${spec.seed}`;
}

/** The seeds the Python generators default to, so figures line up with the peers' runs. */
export function defaultSeed(generator: string): number {
  return generator === 'gen_cluster' ? 7 : 1;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
}

function dirBytes(dir: string): number {
  return yamlFiles(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

function writeDocs(path: string, docs: readonly unknown[]): void {
  const text = docs.map((d) => dump(d, { noRefs: true, lineWidth: -1 })).join('---\n');
  writeFileSync(path, text);
}

/** Writes an in-repo profile as YAML files of at most 5,000 objects. */
function writeProfile(spec: InputSpec, dir: string): number {
  const generated = generateObjects({
    profile: spec.generator,
    pods: spec.pods,
    policies: spec.policies,
    seed: spec.seed,
  });
  const perFile = 5_000;
  for (let i = 0; i * perFile < generated.objects.length; i++) {
    const name = `cluster-${String(i).padStart(3, '0')}.yaml`;
    writeDocs(join(dir, name), generated.objects.slice(i * perFile, (i + 1) * perFile));
  }
  return generated.traffic[0]?.port ?? 80;
}

/** Copies BASE to HEAD, rewriting only the files whose policies changed. */
function writeHead(base: string, head: string, changes: number, seed: number): number {
  mkdirSync(head, { recursive: true });
  const names = yamlFiles(base);
  const texts = names.map((f) => readFileSync(join(base, f), 'utf8'));
  const files = texts.map((t) => loadAll(t));
  const result = changePolicies(files, changes, seed);
  names.forEach((name, i) => {
    const before = files[i] ?? [];
    const after = result.files[i] ?? [];
    const same = before.length === after.length && before.every((d, j) => d === after[j]);
    if (same) copyFileSync(join(base, name), join(head, name));
    else writeDocs(join(head, name), after);
  });
  return result.changed;
}

export interface InputOptions {
  readonly cacheDir: string;
  /** Folder holding gen_cluster.py and gen_kano.py. */
  readonly sharedDir: string;
  /** Policies changed in HEAD. */
  readonly changes?: number;
  readonly python?: string;
  readonly progress?: (message: string) => void;
}

/**
 * The BASE and HEAD directories for `spec`, generated on first use and cached under
 * `cacheDir/<key>`. A `meta.json` written last marks a complete input; anything else in the
 * folder is regenerated.
 * @throws Error for an unknown generator, or when a Python generator fails
 */
export function ensureInput(spec: InputSpec, options: InputOptions): ClusterInput {
  const root = join(options.cacheDir, inputKey(spec));
  const metaPath = join(root, 'meta.json');
  // meta.json holds BASE and HEAD relative to the input's folder, so the cache can move.
  const resolved = (input: ClusterInput): ClusterInput => ({
    ...input,
    base: join(root, input.base),
    head: join(root, input.head),
  });
  if (existsSync(metaPath)) {
    return resolved(JSON.parse(readFileSync(metaPath, 'utf8')) as ClusterInput);
  }
  const say = options.progress ?? (() => undefined);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  say(`generating ${inputKey(spec)}`);
  let base: string;
  let port: number;
  const python = options.python ?? 'python3';
  const args = [String(spec.pods), String(spec.policies), String(spec.seed)];
  if (spec.generator === 'gen_cluster') {
    base = join(root, 'base');
    execFileSync(python, [join(options.sharedDir, 'gen_cluster.py'), base, ...args]);
    port = 80;
  } else if (spec.generator === 'gen_kano') {
    const out = join(root, 'kano');
    execFileSync(python, [join(options.sharedDir, 'gen_kano.py'), out, ...args]);
    // kupy/ holds the same objects one per file, for KuPy; kube-reach reads k8s/.
    rmSync(join(out, 'kupy'), { recursive: true, force: true });
    base = join(out, 'k8s');
    // No container ports in Kano's shape: every port is alike.
    port = 80;
  } else if (PROFILE_NAMES.includes(spec.generator)) {
    base = join(root, 'base');
    mkdirSync(base, { recursive: true });
    port = writeProfile(spec, base);
  } else {
    throw new Error(
      `unknown generator ${spec.generator}; one of ${[...PYTHON_GENERATORS, ...PROFILE_NAMES].join(', ')}`,
    );
  }
  say(`writing HEAD with ${options.changes ?? 5} policies changed`);
  const head = join(root, 'head');
  const changed = writeHead(base, head, options.changes ?? 5, spec.seed);
  const input: ClusterInput = {
    ...spec,
    base: relative(root, base),
    head: relative(root, head),
    bytes: dirBytes(base),
    port,
    changed,
  };
  writeFileSync(metaPath, `${JSON.stringify(input, null, 1)}\n`);
  return resolved(input);
}
