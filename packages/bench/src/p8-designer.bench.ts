/// <reference lib="dom" />
/**
 * P8: the designer in Chromium (Debian's, through playwright-core): a 300-node flow opened
 * on a record page, laid out and panned; and the gzip size of the JS a workspace page loads.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { row, type Benchmark, type BenchRow } from './bench.types';
import { engineBuilt, startEngine } from './engine-process';

const CHROMIUM = '/usr/bin/chromium';
const designerDist = resolve(__dirname, '../../../designer/dist');
const NODES = 300;
const PAN_STEPS = 60;
const RUNS = 3;

const label = (en: string) => ({ zh: en, en });

/** A valid flow of `NODES` nodes: start, a chain of record updates, end (it runs to its end). */
function bigApp() {
  const chain = Array.from({ length: NODES - 2 }, (_, i) => `step_${i + 1}`);
  const ids = ['start', ...chain, 'end'];
  const nodes = ids.map((id) => {
    if (id === 'start')
      return { id, type: 'start', name: label('Start'), settings: { trigger: 'form_submit' } };
    if (id === 'end')
      return { id, type: 'end', name: label('End'), settings: { outcome: 'approved' } };
    return { id, type: 'update_record', name: label(id), settings: { set: { title: id } } };
  });
  const edges = ids.slice(1).map((target, i) => ({ id: `e${i}`, source: ids[i]!, target }));
  return {
    key: 'p8',
    name: label('P8'),
    forms: [
      {
        form: {
          key: 'big',
          name: label('Big flow'),
          schema: {
            type: 'object',
            additionalProperties: false,
            properties: {
              title: {
                type: 'string',
                maxLength: 100,
                'x-widget': 'text',
                'x-label': label('Title'),
              },
            },
          },
          layout: ['title'],
        },
        flow: { key: 'big', name: label('Big flow'), nodes, edges },
      },
    ],
  };
}

async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`P8: ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] as number);
};

/** Opens the record page and waits for every node on the canvas; ms since navigation start. */
async function openCanvas(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    (n) => document.querySelectorAll('.react-flow__node').length >= n,
    NODES,
    { timeout: 30_000 },
  );
  // One frame after the nodes are in: laid out and painted.
  return page.evaluate(
    () =>
      new Promise<number>((done) =>
        requestAnimationFrame(() => setTimeout(() => done(performance.now()))),
      ),
  );
}

/**
 * Drags the canvas by `PAN_STEPS` mouse moves; for each move, the time from the event to
 * the end of the frame that shows it (handler, React Flow's update, layout and paint).
 */
async function panFrames(page: Page): Promise<{ perFrame: number[]; moved: boolean }> {
  const pane = page.locator('.react-flow__pane').first();
  await pane.scrollIntoViewIfNeeded();
  const box = await pane.boundingBox();
  if (!box) throw new Error('P8: no canvas pane');
  const before = await page.locator('.react-flow__viewport').first().getAttribute('style');
  await page.evaluate(() => {
    const w = window as unknown as { __pan: number[] };
    w.__pan = [];
    window.addEventListener(
      'mousemove',
      (event) => {
        const at = event.timeStamp;
        requestAnimationFrame(() =>
          setTimeout(() => {
            w.__pan.push(performance.now() - at);
          }),
        );
      },
      { capture: true },
    );
  });
  // Off the chain of nodes (drawn down the middle), on the empty pane.
  const x = box.x + box.width * 0.2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= PAN_STEPS; i++) {
    await page.mouse.move(x + i * 6, y - i * 3);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
  }
  await page.mouse.up();
  const perFrame = await page.evaluate(() => (window as unknown as { __pan: number[] }).__pan);
  const after = await page.locator('.react-flow__viewport').first().getAttribute('style');
  return { perFrame, moved: before !== after };
}

/** The JS the workspace page (`/`) loads, each file gzipped as a server would send it. */
async function workspaceJs(
  page: Page,
  base: string,
): Promise<{ gzip: number; raw: number; files: number }> {
  const scripts = new Map<string, Buffer>();
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    void res
      .body()
      .then((body) => scripts.set(res.url(), body))
      .catch(() => undefined);
  });
  await page.goto(`${base}/`);
  await page.getByTestId('current-user').waitFor();
  await page.waitForLoadState('networkidle');
  let gzip = 0;
  let raw = 0;
  for (const body of scripts.values()) {
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { gzip, raw, files: scripts.size };
}

function skipped(note: string): BenchRow[] {
  console.log(`[bench] P8 skipped: ${note}`);
  return [
    ['300-node flow: time to interactive (ms)', 1000],
    ['300-node flow: ms per pan frame', 16],
    ['workspace page JS (KB gzip)', 500],
  ].map(([what, goal]) =>
    row({
      id: 'P8',
      what: what as string,
      subject: { label: '', value: NaN, unit: '' },
      baseline: null,
      ratio: NaN,
      goal: goal as number,
      goalKind: 'atMost',
      skipped: true,
      note,
    }),
  );
}

export const p8Designer: Benchmark = {
  id: 'P8',
  title: 'designer in Chromium: 300-node flow, workspace JS',
  method:
    'The engine started in-process from engine/dist serving the built designer (designer/dist), ' +
    "on embedded PGlite; Debian's Chromium headless through playwright-core, 1366×900, with " +
    'vsync and the frame-rate limit off so frames are bound by work, not by the display. A ' +
    'start → 298 update_record steps → end flow (300 nodes) is published and one record run ' +
    'through it; its record page is opened signed in. Time to interactive: from navigation ' +
    'start until all 300 nodes are on the canvas and a frame has painted (median of 3 opens). ' +
    'Pan: 60 mouse moves dragging the canvas; per move, the time from the event to the end of ' +
    'the frame that shows it (median). Workspace JS: every script `/` loads for a signed-in ' +
    'user, each gzipped at level 9, summed. No baseline: the goals are absolute.',
  async run(): Promise<BenchRow[]> {
    if (!engineBuilt()) return skipped('engine/dist is not built');
    if (!existsSync(resolve(designerDist, 'index.html')))
      return skipped('designer/dist is not built (run the designer build first)');
    if (!existsSync(CHROMIUM)) return skipped(`no Chromium at ${CHROMIUM}`);
    const engine = await startEngine(null, { LIUYUN_DESIGNER_DIR: designerDist });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-gpu-vsync',
        '--disable-frame-rate-limit',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
    try {
      const login = await post<{ token: string }>(engine.baseUrl, '/api/auth/login', {
        username: 'admin',
        password: 'demo',
      });
      const app = await post<{ forms: { id: string }[] }>(
        engine.baseUrl,
        '/api/apps',
        bigApp(),
        login.token,
      );
      const record = await post<{ id: string }>(
        engine.baseUrl,
        `/api/forms/${app.forms[0]!.id}/records`,
        { data: { title: 'big' } },
        login.token,
      );
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      await context.addInitScript(
        (token) => localStorage.setItem('liuyun.token', token),
        login.token,
      );
      const page = await context.newPage();
      const js = await workspaceJs(page, engine.baseUrl);
      const opens: number[] = [];
      const frames: number[] = [];
      let moved = true;
      for (let i = 0; i < RUNS; i++) {
        opens.push(await openCanvas(page, `${engine.baseUrl}/records/${record.id}`));
        const pan = await panFrames(page);
        frames.push(...pan.perFrame);
        moved &&= pan.moved;
      }
      if (!moved) throw new Error('P8: dragging did not move the canvas');
      const tti = median(opens);
      const frame = median(frames);
      const p95 = [...frames].sort((a, b) => a - b)[Math.floor(frames.length * 0.95)] ?? NaN;
      const kb = js.gzip / 1024;
      return [
        row({
          id: 'P8',
          what: '300-node flow: time to interactive (ms)',
          subject: { label: 'record page canvas', value: tti, unit: 'ms' },
          baseline: null,
          ratio: tti,
          goal: 1000,
          goalKind: 'atMost',
          note: `opens: ${opens.map((ms) => ms.toFixed(0)).join(', ')} ms (from navigation start, data loads included)`,
        }),
        row({
          id: 'P8',
          what: '300-node flow: ms per pan frame',
          subject: { label: 'drag, event to painted frame', value: frame, unit: 'ms' },
          baseline: null,
          ratio: frame,
          goal: 16,
          goalKind: 'atMost',
          note: `median of ${frames.length} moves; p95 ${p95.toFixed(1)} ms`,
        }),
        row({
          id: 'P8',
          what: 'workspace page JS (KB gzip)',
          subject: { label: `${js.files} scripts`, value: kb, unit: 'KB gzip' },
          baseline: null,
          ratio: kb,
          goal: 500,
          goalKind: 'atMost',
          note: `${(js.raw / 1024).toFixed(0)} KB before compression`,
        }),
      ];
    } finally {
      await browser.close();
      await engine.stop();
    }
  },
};
