/**
 * Client figures, printed (not asserted): run with `npm run bench:client`.
 *   1. gzip size of the built client: the app's own code apart from Phaser (aim < 150 KB),
 *      and what the home screen needs before it can be used;
 *   2. time from navigation to an interactive home screen in headless chromium on loopback,
 *      served by the real server (median of several fresh loads; aim < 2 s);
 *   3. frame rate of the play board with 150 objects on the heap while it redraws every
 *      tick and the pointer sweeps the heap (the board harness; aim ≥ 55 fps).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../tests/e2e/browser';
import { ensureClientBuilt, repoRoot } from '../tests/e2e/build';
import { startServer } from '../tests/e2e/server';

const LOADS = 7;
const FPS_SECONDS = 5;
const POINTER_INTERVAL_MS = 16;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function sizes(): void {
  const dist = join(repoRoot, 'dist', 'client');
  let app = 0;
  let phaser = 0;
  const rows: [string, number, number][] = [];
  for (const file of files(dist)) {
    if (!/\.(js|css|html|svg)$/.test(file)) continue;
    const raw = readFileSync(file);
    const gz = gzipSync(raw, { level: 9 }).length;
    const name = file.slice(dist.length + 1);
    rows.push([name, raw.length, gz]);
    if (/(^|\/)phaser[-.]/.test(name)) phaser += gz;
    else app += gz;
  }
  rows.sort((a, b) => b[2] - a[2]);
  console.log('\n1. Built client (gzip -9)');
  for (const [name, raw, gz] of rows.slice(0, 12))
    console.log(`   ${name.padEnd(44)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzip`);
  console.log(`   app's own code (everything but Phaser): ${kb(app)}  (aim < 150 KB)`);
  console.log(`   Phaser chunk:                           ${kb(phaser)}`);
}

async function timeToInteractive(url: string): Promise<void> {
  const browser = await launchBrowser();
  const times: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      // performance.now() counts from the navigation's start.
      const at = await page.waitForFunction(
        () => {
          const code = document.querySelector<HTMLInputElement>('#join-code');
          const host = document.querySelector<HTMLButtonElement>('#host-room');
          return code && host && !code.disabled && code.offsetParent !== null ? performance.now() : false;
        },
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      times.push(Number(await at.jsonValue()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(
    '\n2. Navigation → interactive home screen (headless chromium, loopback, fresh profile each load)',
  );
  console.log(`   runs: ${times.map((t) => `${Math.round(t)} ms`).join(', ')}`);
  console.log(`   median: ${Math.round(median(times))} ms  (aim < 2000 ms)`);
}

/** Redraws a new state every tick (10 Hz) for a second of warm-up, then counts frames. */
const FPS_SCRIPT = `(async () => {
  const base = window.__arena.board.state;
  let tick = base.tick;
  const ticker = setInterval(() => { tick++; window.__harness.board.setState({ ...base, tick }, []); }, 100);
  await new Promise((r) => setTimeout(r, 1000));
  const gaps = [];
  let last = performance.now();
  const start = last;
  await new Promise((resolve) => {
    const frame = (now) => {
      gaps.push(now - last);
      last = now;
      if (now - start < SECONDS * 1000) requestAnimationFrame(frame); else resolve();
    };
    requestAnimationFrame(frame);
  });
  clearInterval(ticker);
  gaps.sort((a, b) => a - b);
  return { frames: gaps.length, elapsed: last - start, p95: gaps[Math.floor(gaps.length * 0.95)] || 0 };
})()`;

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

async function frameRate(): Promise<void> {
  const config = join('bench', 'client-harness.vite.config.ts');
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`harness build failed:\n${built.stdout}${built.stderr}`);
  const root = join(repoRoot, 'artifacts', 'bench-harness');
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')));
    if (!path.startsWith(root) || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' })
      .end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${port}/src/game/harness.html?view=crowded`);
    await page.waitForFunction(
      () => {
        const hook = (window as unknown as { __arena?: { board?: { state: { objects: object } | null } } })
          .__arena?.board;
        return hook?.state != null;
      },
      undefined,
      { timeout: 60_000 },
    );
    const placed = await page.evaluate(() => {
      const s = (
        window as unknown as {
          __arena: {
            board: { state: { objects: Record<string, { address: number | null; shelf: boolean }> } };
          };
        }
      ).__arena.board.state;
      return Object.values(s.objects).filter((o) => o.address !== null && !o.shelf).length;
    });
    const box = await page.locator('canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    console.log(
      `\n3. Play board frame rate (board harness, ${placed} objects on the heap, a new state every tick)`,
    );
    for (const pointer of [false, true]) {
      // With `pointer`, sweep it over the board at about the rate a real mouse reports at
      // (flooding input would measure the test driver instead).
      const sweep = (async () => {
        const end = Date.now() + (FPS_SECONDS + 1) * 1000;
        for (let i = 0; pointer && Date.now() < end; i++) {
          const t = (i % 40) / 40;
          await page.mouse.move(
            box.x + box.width * (0.35 + 0.6 * t),
            box.y + box.height * (0.3 + (0.5 * ((i * 7) % 40)) / 40),
          );
          await new Promise((r) => setTimeout(r, POINTER_INTERVAL_MS));
        }
      })();
      // A plain script string: the page must not see the helpers a TypeScript loader adds to functions.
      const result = (await page.evaluate(FPS_SCRIPT.replace('SECONDS', String(FPS_SECONDS)))) as {
        frames: number;
        elapsed: number;
        p95: number;
      };
      await sweep;
      const fps = (result.frames / result.elapsed) * 1000;
      console.log(
        `   ${pointer ? 'pointer sweeping at ~60 Hz' : 'no input            '}: ${fps.toFixed(1)} fps over ${(result.elapsed / 1000).toFixed(1)} s; 95th-percentile frame ${result.p95.toFixed(1)} ms  (aim ≥ 55 fps)`,
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
}

async function main(): Promise<void> {
  // Timings on a shared machine mean little without how busy it was.
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
  await ensureClientBuilt();
  sizes();
  const server = await startServer();
  try {
    await timeToInteractive(`${server.url}/`);
  } finally {
    await server.stop();
  }
  await frameRate();
  console.log(
    `\nload average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end`,
  );
}

await main();
