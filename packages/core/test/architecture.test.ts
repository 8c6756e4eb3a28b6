// Guards the import directions of ../shared/STYLE.md §2: each folder of src/ may import only the
// folders listed for it, each top-level file (index.ts, errors.ts, ...) only the folders listed
// for it, and only src/node/ may touch Node's APIs. A targeted check, no plugin.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Folder → the folders (or top-level files, without `.ts`) it may import from. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  bitset: [],
  // The connection-set algebra speaks the model's ConnectionSet and PROTOCOLS; model imports
  // nothing, so this adds no cycle.
  net: ['model'],
  model: [],
  select: ['bitset', 'model'],
  parse: ['model', 'net', 'errors'],
  // Profiles are data plus input rewrites; the compiler applies them, the reference reads the
  // knobs' values only.
  profiles: ['model', 'net', 'errors'],
  compile: ['bitset', 'net', 'model', 'select', 'profiles'],
  // query takes model objects only (Engine.with); parse-then-apply is the top-level
  // with-manifests.ts, so the engine never sees YAML or manifests.
  query: ['compile', 'bitset', 'net', 'model', 'select', 'errors', 'profiles'],
  // The reference must stay independent of the engine it checks: no select, bitset, compile.
  reference: ['model', 'errors', 'profiles'],
  // The testing kit reads parsed clusters (poolsOf, withObjects); it never sees the engine.
  arbitraries: ['model', 'net', 'parse', 'errors'],
  // Matchers ask an Engine, read endpoints with the one endpoint grammar, format the answers.
  // toHaveNoPath asks the graph analyses.
  vitest: ['model', 'query', 'endpoint', 'errors', 'paths'],
  node: ['parse', 'model'],
  // Endpoint, port and selector grammar, endpoint resolution and the composed query(): they
  // ask the public Engine (query/), never the compiled internals.
  endpoint: ['model', 'net', 'select', 'query', 'errors'],
  // Lint asks the public Engine for reachability and reads the model for the rest; it reuses
  // the compiler's stages (pod table, address atoms, pod classes) rather than rebuilding them.
  lint: ['model', 'select', 'net', 'bitset', 'query', 'compile', 'profiles'],
  // Diff compares two Engines; it reads the clusters only to skip what provably did not change,
  // cutting addresses with the compiler's address-atoms stage.
  diff: ['model', 'select', 'net', 'query', 'compile', 'profiles'],
  // Output formats write plain data and the Engine's answers; they decide nothing themselves.
  // Their readers (readReachabilityMatrix) throw a ReachError for a document of no encoding.
  format: ['model', 'query', 'errors'],
  // Graph analyses (lateral movement) over the public Engine's grouped connections; endpoints
  // are read with the one endpoint grammar.
  paths: ['model', 'net', 'query', 'endpoint', 'errors'],
  // The report page: its data and codec, and the browser script (page/browser/, bundled at
  // build time) that runs the public engine, endpoint grammar and explanations in the page.
  page: ['model', 'query', 'endpoint'],
  // The HTML report: the page's data built from the public Engine, lint findings and a diff.
  report: ['model', 'net', 'query', 'lint', 'diff', 'page'],
};

/** Packages a folder may import, beyond relative paths. */
const EXTERNAL: Readonly<Record<string, readonly string[]>> = {
  parse: ['js-yaml'],
  // `-o yaml` is js-yaml's dump, piece by piece.
  format: ['js-yaml'],
  arbitraries: ['fast-check'],
  // Type-only: the matchers augment vitest's types and need no vitest at run time.
  vitest: ['vitest'],
  // The graph store of the reach graph.
  paths: ['graphology'],
  // The workload graph's layout, computed when the report is built.
  report: ['graphology', 'graphology-layout-forceatlas2'],
  node: ['node:fs', 'node:fs/promises', 'node:path'],
};

/**
 * Top-level files of src/ → the folders and files they may import, always through a folder's
 * index.ts. `typeOnly` files may import types only. A new top-level file needs a row here.
 */
const TOP_LEVEL: Readonly<
  Record<string, { readonly imports: readonly string[]; readonly typeOnly?: boolean }>
> = {
  // The main entry re-exports the library. The other entry points are subpaths of their own:
  // node/ (Node's fs), reference/ (the independent oracle), format/, and the testing kit with
  // its optional peers (arbitraries/, vitest/), so `.` never loads them.
  'index.ts': {
    imports: [
      // The Bitset type only: matrix rows are handed out as bitsets (ReachabilityMatrix.rowBits).
      'bitset',
      'diff',
      'endpoint',
      'errors',
      'lint',
      'model',
      'net',
      'parse',
      'paths',
      'profiles',
      'query',
      'with-manifests',
    ],
  },
  // ClusterLoadError carries parse Issues; a type import, so errors.ts loads nothing and parse/
  // may import errors.ts without a cycle at run time. The one import that names a file
  // (parse/issue.js): parse/index.ts imports errors.ts, so its barrel would be a type cycle.
  'errors.ts': { imports: ['parse'], typeOnly: true },
  // The parse-then-apply convenience around Engine.with: it is why query/ never sees YAML.
  'with-manifests.ts': { imports: ['errors', 'model', 'parse', 'query'] },
};

/** The one import of a top-level file that may name a file inside a folder (see errors.ts). */
const DEEP_IMPORTS: readonly string[] = ['./parse/issue.js'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1] ?? '');
}

describe('architecture: top-level files of src/', () => {
  const files = sourceFiles(SRC)
    .map((file) => relative(SRC, file))
    .filter((rel) => !rel.includes('/'));

  it('has a rule for every top-level file', () => {
    expect(files.sort()).toEqual(Object.keys(TOP_LEVEL).sort());
  });

  for (const rel of files) {
    it(`${rel} imports only what it may, through index.ts`, () => {
      const rule = TOP_LEVEL[rel];
      expect(rule, `${rel} has no row in TOP_LEVEL`).toBeDefined();
      const text = readFileSync(join(SRC, rel), 'utf8');
      for (const spec of importsOf(text)) {
        expect(spec, `${rel} imports ${spec}: only relative imports at the top level`).toMatch(
          /^\.\//,
        );
        const parts = spec.slice(2).split('/');
        const target = (parts[0] ?? '').replace(/\.js$/, '');
        expect(rule?.imports ?? [], `${rel} imports ${spec}`).toContain(target);
        if (parts.length > 1 && !DEEP_IMPORTS.includes(spec)) {
          expect(parts.slice(1), `${rel} imports ${spec}: go through ${target}/index.ts`).toEqual([
            'index.js',
          ]);
        }
      }
      if (rule?.typeOnly === true) {
        expect(text, `${rel} may import types only`).not.toMatch(
          /^\s*import\s+(?!type\b)[^;]*from\s+'/m,
        );
        expect(text, `${rel} may import types only`).not.toMatch(/^\s*export\s+\{[^}]*\}\s*from/m);
      }
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, `${rel} uses process`).not.toMatch(/\bprocess\./);
      expect(code, `${rel} uses console`).not.toMatch(/\bconsole\./);
    });
  }
});

describe('architecture', () => {
  for (const file of sourceFiles(SRC)) {
    const rel = relative(SRC, file);
    const folder = rel.includes('/') ? (rel.split('/')[0] ?? '') : '';
    if (folder === '') continue;
    it(`${rel} imports only what ${folder}/ may`, () => {
      const text = readFileSync(file, 'utf8');
      for (const spec of importsOf(text)) {
        if (spec.startsWith('.')) {
          // Resolved against the file, so nested folders (page/browser/) are checked too.
          const target = relative(SRC, resolve(dirname(file), spec)).split('/')[0] ?? '';
          if (target === folder) continue;
          expect(ALLOWED[folder] ?? [], `${rel} imports ${spec}`).toContain(
            target.replace(/\.js$/, ''),
          );
        } else {
          expect(EXTERNAL[folder] ?? [], `${rel} imports ${spec}`).toContain(spec);
        }
      }
      if (folder === 'vitest') {
        // vitest is an optional peer: the matchers must load without it.
        expect(text, `${rel} imports vitest at run time`).not.toMatch(
          /^\s*import\s+(?!type\b)[^;]*from\s+'vitest'/m,
        );
      }
      if (folder !== 'node') {
        // Comments (TSDoc examples) may mention console; code may not.
        const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
        expect(code, `${rel} uses process`).not.toMatch(/\bprocess\./);
        expect(code, `${rel} uses console`).not.toMatch(/\bconsole\./);
      }
    });
  }
});
