import { describe, expect, it } from 'vitest';
import { runReach } from '../support/run-reach.js';
import { webToDb } from './main.js';

describe('the library example', () => {
  it('answers and explains as `reach query ... --explain` does', async () => {
    const cli = await runReach(
      'reach query -f examples/shop -n shop deploy/web svc/db --port 5432 --explain',
    );
    const library = await webToDb();
    expect(cli.stderr).toBe('');
    expect(library.allowed).toBe(cli.code === 0);
    expect(library.allowed).toBe(false);
    expect(library.text).toBe(cli.stdout);
  });
});
