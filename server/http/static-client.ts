/**
 * The built client (`vite build` into dist/client) served as static files, with a
 * single-page-app fallback: any page path without a file extension gets index.html, so a
 * reload on /room/ABCDEF works. Missing files (a stale /assets/x.js) stay 404s rather than
 * turning into HTML. If the client was never built, pages say so instead of failing blankly.
 */
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import express, { Router } from 'express';

export const CLIENT_NOT_BUILT =
  'The Memory Arena client has not been built yet. Run `npm run build`, then reload this page.';

/** Paths the fallback never answers: the API, Socket.IO's own endpoint, the health check. */
const NOT_PAGES = /^\/(api|socket\.io|healthz)(\/|$)/;

export function staticClient(clientDir: string): Router {
  const root = resolve(clientDir);
  const indexFile = join(root, 'index.html');
  const router = Router();

  router.use(
    express.static(root, {
      index: false,
      dotfiles: 'ignore',
      setHeaders: (res, path) => {
        // Vite puts a content hash in every asset name: those never change.
        if (path.startsWith(join(root, 'assets')))
          res.set('Cache-Control', 'public, max-age=31536000, immutable');
        else if (path.endsWith('.html')) res.set('Cache-Control', 'no-cache');
      },
    }),
  );

  // `{*splat}` is optional, so the root page takes the same route as every other page path.
  router.get('/{*splat}', async (req, res, next) => {
    const last = req.path.split('/').pop() ?? '';
    if (NOT_PAGES.test(req.path) || last.includes('.')) {
      next();
      return;
    }
    if (!(await exists(indexFile))) {
      res.status(503).set('Cache-Control', 'no-store').type('text/plain').send(CLIENT_NOT_BUILT);
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(indexFile);
  });

  return router;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
