// Bundles the `reach` command (dist/bin.js, which tsc has just written, with @kube-reach/core and
// the CLI's dependencies) into one file, dist/reach.js, which the package's `bin` points at.
// Why: Node 20 resolves and links each ES module on its own, and the ~250 modules of core and
// the CLI cost ~0.3 s before the first line runs (`reach --version`: 0.44 s unbundled, 0.17 s
// bundled). That start-up is paid by every command, and on small inputs it was most of the
// time. dist/reach.js sits beside dist/bin.js so that the paths the CLI resolves from its own
// module (../package.json, ../schema/) stay the same. Run by the CLI's build, after tsc.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

const dist = new URL('../dist/', import.meta.url);
const outfile = new URL('reach.js', dist).pathname;
await build({
  entryPoints: [new URL('bin.js', dist).pathname],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (commander, js-yaml's loader, ajv) call `require` for Node's own
  // modules, which an ES module does not have: give the bundle one.
  banner: {
    js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);",
  },
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
