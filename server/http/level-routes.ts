/**
 * The level pack as the level select and the host's playlist builder see it, and the score
 * distribution of each level (where a verified solo run stands among everyone's).
 */
import { Router } from 'express';
import type { Level } from '../../shared/level/schema';
import type { RoomStore } from '../store/types';

/** What the routes need of a level; the full `Level` fits. */
export type LevelSource = Pick<Level, 'id' | 'order' | 'title' | 'concept' | 'stars' | 'timeLimit' | 'intro'>;
/** The pack as an array, or keyed by id as the level index exports it. */
export type LevelPack = readonly LevelSource[] | Readonly<Record<string, LevelSource>>;

export interface LevelSummary {
  id: string;
  order: number;
  title: string;
  concept: Level['concept'];
  /** Scores needed for one, two and three stars. */
  stars: [number, number, number];
  /** Ticks allowed for the level (10 ticks = 1 second at the default rate). */
  timeLimit: number;
  /** The first paragraph of the level's introduction. */
  summary: string;
}

export function toLevelSummary(level: LevelSource): LevelSummary {
  return {
    id: level.id,
    order: level.order,
    title: level.title,
    concept: level.concept,
    stars: [...level.stars],
    timeLimit: level.timeLimit,
    summary: level.intro[0] ?? '',
  };
}

export function levelList(pack: LevelPack): LevelSource[] {
  const levels: readonly LevelSource[] = Array.isArray(pack)
    ? (pack as readonly LevelSource[])
    : Object.values(pack as Readonly<Record<string, LevelSource>>);
  return [...levels].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}

export function levelRoutes(pack: LevelPack, store: Pick<RoomStore, 'getHistogram'>): Router {
  const levels = levelList(pack);
  const summaries = levels.map(toLevelSummary);
  const known = new Set(levels.map((level) => level.id));
  const router = Router();

  router.get('/api/levels', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=60').json({ levels: summaries });
  });

  router.get('/api/levels/:id/histogram', async (req, res) => {
    const { id } = req.params;
    if (!known.has(id)) {
      res.status(404).json({ error: 'unknown-level' });
      return;
    }
    res.set('Cache-Control', 'no-store').json(await store.getHistogram(id));
  });

  return router;
}
