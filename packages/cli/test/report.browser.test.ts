// `reach report` in a real browser (issue 13): Debian's chromium driven by playwright-core,
// on examples/shop and a generated 2,000-pod cluster. The page must load from file:// with no
// console error and no request but file: and data:, its heatmap must count what `reach matrix`
// allows, its query panel must answer as `reach query --explain`, and diff mode must list
// exactly `reach diff`'s changes. Screenshots go to test/artifacts/ (git-ignored);
// REACH_UPDATE_SCREENSHOTS=1 also refreshes examples/shop/report.png for its README.
import { copyFileSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateObjects } from '../../../benchmarks/src/generate.js';
import { main } from '../src/main.js';
import { createNodeIo } from '../src/node-io.js';
import { launchChromium, skipWithoutBrowser } from './support/browser.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const SKIP = skipWithoutBrowser('the report browser tests');

/** Runs `reach ARGV` in process on the real file system, capturing what it prints. */
async function reach(argv: readonly string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  let stderr = '';
  const io = createNodeIo({
    stdin: (async function* () {})(),
    stdout: {
      write: (text: string) => {
        stdout += text;
        return true;
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
    },
    env: {},
  });
  const code = await main(argv, io);
  if (code > 1) throw new Error(`reach ${argv.join(' ')} exited ${code}: ${stderr}`);
  return { code, stdout };
}

/** A page opened from disk, with every console error and non-local request recorded. */
interface OpenedPage {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
}

async function open(browser: Browser, file: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) requests.push(r.url());
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-ready]', { timeout: 120_000 });
  return { page, errors, requests };
}

/** The heatmap's cells as `from -> to` -> allowed pod pairs. */
async function heatmapCells(page: Page): Promise<Map<string, number>> {
  const cells = (await page.evaluate(
    `[...document.querySelectorAll('#heatmap-table tbody button')].map((b) => [b.dataset.from, b.dataset.to, Number(b.dataset.allowed)])`,
  )) as [string, string, number][];
  return new Map(cells.map(([from, to, allowed]) => [`${from} -> ${to}`, allowed]));
}

/** Allowed pod pairs per namespace pair, from `reach matrix -o json` (any port). */
async function matrixAnyPort(
  dir: string,
  namespaces: readonly string[],
): Promise<Map<string, number>> {
  const doc = JSON.parse((await reach(['matrix', '-f', dir, '-o', 'json'])).stdout) as {
    connections: { from: string; to: string }[];
  };
  const known = new Set(namespaces);
  const counts = new Map<string, number>();
  for (const c of doc.connections) {
    const from = c.from.split('/')[0] ?? '';
    const to = c.to.split('/')[0] ?? '';
    // Address ranges are not pods: the heatmap counts pod pairs.
    if (!c.from.includes('/') || !c.to.includes('/') || !known.has(from) || !known.has(to))
      continue;
    counts.set(`${from} -> ${to}`, (counts.get(`${from} -> ${to}`) ?? 0) + 1);
  }
  return counts;
}

/** Allowed pod pairs per namespace pair on one port, from `reach matrix --port P -o json`. */
async function matrixOnPort(
  dir: string,
  port: number,
): Promise<{ pods: string[]; counts: Map<string, number> }> {
  const doc = JSON.parse(
    (await reach(['matrix', '-f', dir, '--port', String(port), '-o', 'json'])).stdout,
  ) as {
    pods: string[];
    allowed: boolean[][];
  };
  const counts = new Map<string, number>();
  doc.pods.forEach((from, i) => {
    doc.pods.forEach((to, j) => {
      if (i === j || doc.allowed[i]?.[j] !== true) return;
      const key = `${from.split('/')[0]} -> ${to.split('/')[0]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  });
  return { pods: doc.pods, counts };
}

function withZeros(cells: Map<string, number>, counts: Map<string, number>): Map<string, number> {
  return new Map([...cells.keys()].map((key) => [key, counts.get(key) ?? 0]));
}

/** Asks the page's query panel; returns its text. */
async function askPage(page: Page, from: string, to: string, port: string): Promise<string> {
  await page.fill('#query-from', from);
  await page.fill('#query-to', to);
  await page.fill('#query-port', port);
  await page.click('#query-form button[type=submit]');
  await page.waitForSelector('#query-result[data-state=done]');
  return ((await page.textContent('#query-result')) ?? '').trim();
}

/** The page's diff list `id` as `from -> to` lines, sorted. */
async function diffList(page: Page, id: string): Promise<string[]> {
  const rows = (await page.evaluate(
    `[...document.querySelectorAll('#${id} tr')].map((r) => r.dataset.from + ' -> ' + r.dataset.to)`,
  )) as string[];
  return rows.sort();
}

interface Case {
  readonly name: string;
  /** The manifests, read without -R. */
  readonly dir: string;
  /** Diff mode: base and head directories. */
  readonly diff: { readonly base: string; readonly head: string };
  readonly ports: readonly number[];
  readonly maxBytes?: number;
}

/** A 2,000-pod cluster of the benchmarks' `typical` profile, and a base with fewer policies. */
function generatedCase(): Case {
  const dir = mkdtempSync(join(tmpdir(), 'reach-report-2k-'));
  const generated = generateObjects({ profile: 'typical', pods: 2000, seed: 7 });
  const list = (items: readonly unknown[]) =>
    JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
  mkdirSync(join(dir, 'head'));
  mkdirSync(join(dir, 'base'));
  writeFileSync(join(dir, 'head', 'cluster.json'), list(generated.objects));
  // The base lacks every 10th NetworkPolicy: the head adds them.
  let policies = 0;
  const base = generated.objects.filter(
    (o) => (o as { kind?: string }).kind !== 'NetworkPolicy' || policies++ % 10 !== 0,
  );
  writeFileSync(join(dir, 'base', 'cluster.json'), list(base));
  const ports = [...new Set(generated.traffic.map((t) => t.port))].slice(0, 3);
  return {
    name: 'a generated 2,000-pod cluster',
    dir: join(dir, 'head'),
    diff: { base: join(dir, 'base'), head: join(dir, 'head') },
    ports,
  };
}

const SHOP: Case = {
  name: 'examples/shop',
  dir: join(ROOT, 'examples/shop'),
  diff: { base: join(ROOT, 'examples/diff/before'), head: join(ROOT, 'examples/diff/after') },
  ports: [80, 8080, 5432, 53],
  maxBytes: 2 * 1024 * 1024,
};

describe.skipIf(SKIP)('reach report in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const make of [() => SHOP, generatedCase]) {
    let c: Case;
    let opened: OpenedPage;
    describe(make === generatedCase ? 'a generated 2,000-pod cluster' : 'examples/shop', () => {
      beforeAll(async () => {
        c = make();
        const file = join(ARTIFACTS, `${c === SHOP ? 'shop' : 'generated-2k'}.html`);
        // Named relative to the working directory, as a user would type it (and the title shows).
        const run = await reach(['report', '-f', relative(process.cwd(), c.dir), '-o', file]);
        expect(run.code).toBe(0);
        if (c.maxBytes !== undefined) expect(statSync(file).size).toBeLessThan(c.maxBytes);
        opened = await open(browser, file);
      });
      afterAll(async () => {
        await opened?.page.close();
      });

      it('loads from disk with no console error and no network request', async () => {
        expect(opened.errors).toEqual([]);
        expect(opened.requests).toEqual([]);
        expect(await opened.page.title()).toBe(
          `kube-reach report: ${relative(process.cwd(), c.dir)}`,
        );
      });

      it('counts in each heatmap cell the pod pairs reach matrix allows, on any port and on one', async () => {
        const { page } = opened;
        const cells = await heatmapCells(page);
        const namespaces = [...new Set([...cells.keys()].map((k) => k.split(' -> ')[0] ?? ''))];
        expect(cells).toEqual(withZeros(cells, await matrixAnyPort(c.dir, namespaces)));
        const port = c.ports[0] ?? 80;
        await page.fill('#heatmap-port', String(port));
        await page.press('#heatmap-port', 'Enter');
        const onPort = await heatmapCells(page);
        expect(onPort).toEqual(withZeros(onPort, (await matrixOnPort(c.dir, port)).counts));
        await page.fill('#heatmap-port', '');
        await page.press('#heatmap-port', 'Enter');
      });

      it('moves through the heatmap with the arrow keys and opens a cell with Enter', async () => {
        const { page } = opened;
        await page.focus('#heatmap-table tbody button');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowDown');
        const focused = (await page.evaluate(
          `[document.activeElement.dataset.from, document.activeElement.dataset.to]`,
        )) as [string, string];
        const namespaces = (await page.evaluate(
          `[...document.querySelectorAll('#heatmap-table tbody th')].map((th) => th.textContent)`,
        )) as string[];
        expect(focused).toEqual([namespaces[1], namespaces[1]]);
        await page.keyboard.press('Enter');
        expect(await page.textContent('#cell-details h3')).toContain(
          `${namespaces[1]} → ${namespaces[1]}`,
        );
      });

      it('answers 20 sampled queries as reach query --explain does', async () => {
        const { page } = opened;
        const { pods } = await matrixOnPort(c.dir, c.ports[0] ?? 80);
        for (let i = 0; i < 20; i++) {
          const from = pods[(i * 97 + 3) % pods.length] ?? '';
          const to = pods[(i * 389 + 11) % pods.length] ?? '';
          const port = String(c.ports[i % c.ports.length]);
          const cli = await reach(['query', '-f', c.dir, from, to, '--port', port, '--explain']);
          expect(await askPage(page, from, to, port), `${from} -> ${to} ${port}`).toBe(
            cli.stdout.trim(),
          );
        }
      });

      it('saves a screenshot with a cell opened and a question answered', async () => {
        const { page } = opened;
        await page.click('#heatmap-table tbody tr:last-child td:last-child button');
        const [from, to, port] =
          c === SHOP ? ['shop/deploy/web', 'shop/deploy/api', '8080'] : ['', '', ''];
        if (from !== '') await askPage(page, from, to, port);
        const shot = join(ARTIFACTS, `${c === SHOP ? 'shop' : 'generated-2k'}.png`);
        await page.screenshot({ path: shot, fullPage: c === SHOP });
        expect(statSync(shot).size).toBeGreaterThan(10_000);
        if (c === SHOP && process.env.REACH_UPDATE_SCREENSHOTS === '1') {
          copyFileSync(shot, join(ROOT, 'examples/shop/report.png'));
        }
        expect(opened.errors).toEqual([]);
        expect(opened.requests).toEqual([]);
      });

      it("lists exactly reach diff's changes in diff mode", async () => {
        const file = join(ARTIFACTS, `${c === SHOP ? 'shop' : 'generated-2k'}-diff.html`);
        expect(
          (await reach(['report', '-f', c.diff.head, '--base', c.diff.base, '-o', file])).code,
        ).toBe(0);
        const diffPage = await open(browser, file);
        try {
          const doc = JSON.parse(
            (await reach(['diff', c.diff.base, c.diff.head, '-o', 'json'])).stdout,
          ) as Record<'added' | 'removed' | 'changed', { from: string; to: string }[]>;
          const pairs = (list: { from: string; to: string }[]) =>
            list.map((e) => `${e.from} -> ${e.to}`).sort();
          expect(doc.added.length + doc.removed.length + doc.changed.length).toBeGreaterThan(0);
          expect(await diffList(diffPage.page, 'diff-added')).toEqual(pairs(doc.added));
          expect(await diffList(diffPage.page, 'diff-removed')).toEqual(pairs(doc.removed));
          expect(await diffList(diffPage.page, 'diff-changed')).toEqual(pairs(doc.changed));
          expect(diffPage.errors).toEqual([]);
          expect(diffPage.requests).toEqual([]);
          await diffPage.page.screenshot({ path: file.replace(/\.html$/, '.png') });
        } finally {
          await diffPage.page.close();
        }
      });
    });
  }
});
