/**
 * GET /api/rooms/:code/results.csv — the teacher's export. The host token comes in an
 * `Authorization: Bearer` header or, for a plain download link, as `?token=`; only its hash
 * is compared with the stored one.
 */
import { type Request, Router } from 'express';
import { CONCEPTS } from '../../shared/level/schema';
import { tokenMatchesHash } from '../store/token-hash';
import type { RoomStore, RoundResultRow } from '../store/types';
import { formatResultsCsv } from './results-csv';

/** A room's results for the export, or null when there is no room with this code. */
export type RoomResultsSource = (code: string) => Promise<RoomResults | null>;
export interface RoomResults {
  hostTokenHash: string;
  rows: RoundResultRow[];
}

/** Byte-order mark: without it Excel reads UTF-8 nicknames as mojibake. */
const UTF8_BOM = '\uFEFF';
const ROOM_CODE = /^[A-Za-z0-9]{3,16}$/;

/** The results the store holds: every round of the playlist that has ended. */
export function roomResultsFromStore(
  store: Pick<RoomStore, 'getRoom' | 'getRoundResults'>,
): RoomResultsSource {
  return async (code) => {
    const room = await store.getRoom(code);
    if (!room) return null;
    const rounds = Math.max(room.playlist.length, room.roundIndex + 1);
    const perRound = await Promise.all(
      Array.from({ length: rounds }, (_, round) => store.getRoundResults(code, round)),
    );
    return { hostTokenHash: room.hostTokenHash, rows: perRound.flat() };
  };
}

export function resultsRoute(source: RoomResultsSource, concepts: readonly string[] = CONCEPTS): Router {
  const router = Router();
  router.get('/api/rooms/:code/results.csv', async (req, res) => {
    const token = presentedToken(req);
    if (token === null) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="memory-arena"')
        .json({ error: 'host-token-required' });
      return;
    }
    const { code } = req.params;
    const results = ROOM_CODE.test(code) ? await source(code) : null;
    if (!results) {
      res.status(404).json({ error: 'unknown-room' });
      return;
    }
    if (!tokenMatchesHash(token, results.hostTokenHash)) {
      res.status(403).json({ error: 'wrong-host-token' });
      return;
    }
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="memory-arena-${code}-results.csv"`,
        'Cache-Control': 'no-store',
      })
      .send(UTF8_BOM + formatResultsCsv(results.rows, concepts));
  });
  return router;
}

function presentedToken(req: Request): string | null {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? null;
  }
  const query = req.query.token;
  return typeof query === 'string' && query.length > 0 ? query : null;
}
