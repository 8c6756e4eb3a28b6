import fc from 'fast-check';

// Property-test run counts: CI runs the default; `pnpm test:prop` raises it.
const runs = Number(process.env.KUBE_REACH_PROP_RUNS ?? '1000');
fc.configureGlobal({ numRuns: Number.isFinite(runs) && runs > 0 ? runs : 1000 });
