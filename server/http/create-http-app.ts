/**
 * The HTTP side of the server as an Express app. Everything it needs comes in as small
 * ports, so the room service (or a test) can plug in what it has:
 *
 *   const app = createHttpApp({ store, levels: LEVELS, clientDir: 'dist/client' });
 *   const server = http.createServer(app);   // Socket.IO attaches to the same server
 *
 * Routes: GET /healthz, GET /api/levels, GET /api/levels/:id/histogram,
 * GET /api/rooms/:code/results.csv (host token), the built client with an SPA fallback.
 */
import express, { type Express } from 'express';
import { CONCEPTS } from '../../shared/level/schema';
import type { RoomStore } from '../store/types';
import { apiNotFound, consoleLogger, errorHandler, type HttpLogger, pageNotFound } from './errors';
import { type LevelPack, levelRoutes } from './level-routes';
import { type RoomResultsSource, resultsRoute, roomResultsFromStore } from './results-route';
import { securityHeaders } from './security-headers';
import { staticClient } from './static-client';

/** What the routes read from the store; a full RoomStore fits. */
export type HttpStore = Pick<RoomStore, 'kind' | 'ping' | 'getHistogram' | 'getRoom' | 'getRoundResults'>;

export interface HttpAppDeps {
  store: HttpStore;
  levels: LevelPack;
  /** Where `vite build` put the client (dist/client); it may not exist yet. */
  clientDir: string;
  /** A room's results for the CSV export; by default the rounds the store holds. */
  getRoomResults?: RoomResultsSource;
  /** Mistake columns of the CSV, in order; by default every concept of the lesson. */
  concepts?: readonly string[];
  log?: HttpLogger;
}

export interface HealthReport {
  ok: boolean;
  store: RoomStore['kind'];
  storeOk: boolean;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const log = deps.log ?? consoleLogger;
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());

  app.get('/healthz', async (_req, res) => {
    const storeOk = await deps.store.ping().catch(() => false);
    const report: HealthReport = { ok: storeOk, store: deps.store.kind, storeOk };
    res
      .status(storeOk ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(report);
  });
  app.use(levelRoutes(deps.levels, deps.store));
  app.use(resultsRoute(deps.getRoomResults ?? roomResultsFromStore(deps.store), deps.concepts ?? CONCEPTS));
  app.use('/api', apiNotFound);
  app.use(staticClient(deps.clientDir));
  app.use(pageNotFound);
  app.use(errorHandler(log));
  return app;
}
