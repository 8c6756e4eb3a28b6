// Runs before `pnpm pack` / `pnpm publish` in each package (its `prepack` script): copies the
// repository's LICENSE into the package, and refuses to pack with npm or yarn, which would
// publish `"@kube-reach/core": "workspace:*"` as is (pnpm replaces it with the version).
import { copyFileSync, readFileSync } from 'node:fs';

const agent = process.env.npm_config_user_agent ?? '';
const manifest = readFileSync('package.json', 'utf8');
if (manifest.includes('"workspace:') && !agent.startsWith('pnpm/')) {
  console.error(
    'error: pack and publish this package with pnpm (pnpm pack, pnpm publish), which replaces ' +
      'workspace:* dependencies with versions; npm would publish them as they are.',
  );
  process.exit(1);
}
copyFileSync(new URL('../LICENSE', import.meta.url), 'LICENSE');
