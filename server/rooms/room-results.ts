/**
 * Results of a round, computed from the games themselves: each student's best attempt,
 * ranks with ties, the podium, cumulative standings, and the class's mistakes by concept.
 */
import type { Concept } from '../../shared/level/schema';
import type {
  ClassReportView,
  LeaderboardRow,
  ResultRow,
  RoundResultsView,
  StandingRow,
} from '../../shared/protocol';
import type { CrashKind } from '../../shared/sim/types';
import type { RoundResultRow } from '../store/types';
import type { ArchivedRun, Room, Seat } from './room';

/** Seats whose results count: everyone who played, except blocked players. */
export function scoredSeats(room: Room): Seat[] {
  return [...room.seats.values()].filter((seat) => seat.game && !seat.record.blocked);
}

export function computeRoundRows(room: Room): { rows: RoundResultRow[]; runs: Map<string, ArchivedRun> } {
  const setup = room.setup;
  const rows: RoundResultRow[] = [];
  const runs = new Map<string, ArchivedRun>();
  if (!setup) return { rows, runs };
  for (const seat of scoredSeats(room)) {
    const game = seat.game;
    if (!game) continue;
    const best = game.best(room.rules(seat));
    const mistakesByConcept: Record<string, number> = {};
    for (const attempt of game.attempts) {
      for (const [concept, count] of Object.entries(attempt.state.tally.mistakes)) {
        mistakesByConcept[concept] = (mistakesByConcept[concept] ?? 0) + (count ?? 0);
      }
    }
    rows.push({
      playerId: seat.record.id,
      nickname: seat.record.nickname,
      round: setup.round,
      levelId: setup.level.id,
      score: best.score.total,
      stars: best.score.stars,
      mistakesByConcept,
      crashes: game.crashes,
      completed: best.attempt.state.status === 'complete',
    });
    runs.set(seat.record.id, {
      attempt: best.attempt.record.attempt,
      seed: best.attempt.record.seed,
      actions: best.attempt.actions.map((logged) => logged.entry),
      score: best.score.total,
      stars: best.score.stars,
    });
  }
  return { rows, runs };
}

/** Competition ranking: equal scores share a rank ("1, 2, 2, 4"). */
export function ranked<T>(items: T[], scoreOf: (item: T) => number): { item: T; rank: number }[] {
  const sorted = [...items].sort((a, b) => scoreOf(b) - scoreOf(a));
  let rank = 0;
  let previous: number | null = null;
  return sorted.map((item, i) => {
    const value = scoreOf(item);
    if (value !== previous) rank = i + 1;
    previous = value;
    return { item, rank };
  });
}

export function resultRows(rows: RoundResultRow[]): ResultRow[] {
  return ranked(rows, (row) => row.score).map(({ item, rank }) => ({
    rank,
    playerId: item.playerId,
    nickname: item.nickname,
    score: item.score,
    stars: item.stars,
    completed: item.completed,
    crashes: item.crashes,
    mistakes: Object.values(item.mistakesByConcept).reduce((sum, n) => sum + n, 0),
  }));
}

export function standingRows(room: Room): StandingRow[] {
  const entries = [...room.cumulative.entries()]
    .map(([playerId, total]) => ({ playerId, total, seat: room.seats.get(playerId) }))
    .filter((entry) => entry.seat && !entry.seat.record.blocked);
  return ranked(entries, (entry) => entry.total).map(({ item, rank }) => ({
    rank,
    playerId: item.playerId,
    nickname: item.seat?.record.nickname ?? '',
    total: item.total,
  }));
}

/** The host's view: every row. */
export function hostResultsView(
  room: Room,
  round: number,
  rows: RoundResultRow[],
  final: boolean,
): RoundResultsView {
  const all = resultRows(rows);
  return {
    round,
    levelId: rows[0]?.levelId ?? levelIdOf(room, round),
    podium: all.filter((row) => row.rank <= 3),
    rows: all,
    standings: standingRows(room),
    final,
  };
}

/** A student's view: their own row, and the boards only when the host shows them. */
export function studentResultsView(room: Room, host: RoundResultsView, playerId: string): RoundResultsView {
  const visibility = room.record.settings.leaderboard;
  const show = visibility !== 'end' || host.final;
  const strip = <T extends { playerId?: string }>(row: T): T => ({ ...row, playerId: undefined });
  const own = host.rows.find((row) => row.playerId === playerId) ?? null;
  const standing = host.standings.find((row) => row.playerId === playerId) ?? null;
  return {
    round: host.round,
    levelId: host.levelId,
    podium: show ? host.podium.map(strip) : [],
    rows: show ? host.rows.slice(0, 10).map(strip) : [],
    standings: show ? host.standings.slice(0, 10).map(strip) : [],
    you: { result: own, standing },
    final: host.final,
  };
}

export function classReport(room: Room, round: number, rows: RoundResultRow[]): ClassReportView {
  const mistakes = new Map<Concept, { students: number; total: number }>();
  for (const row of rows) {
    for (const [concept, count] of Object.entries(row.mistakesByConcept)) {
      if (count <= 0) continue;
      const entry = mistakes.get(concept as Concept) ?? { students: 0, total: 0 };
      entry.students += 1;
      entry.total += count;
      mistakes.set(concept as Concept, entry);
    }
  }
  const crashes = new Map<CrashKind, { students: number; total: number }>();
  if (room.setup?.round === round) {
    for (const seat of scoredSeats(room)) {
      const kinds = new Map<CrashKind, number>();
      for (const attempt of seat.game?.attempts ?? []) {
        const kind = attempt.state.crash?.kind;
        if (kind) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      for (const [kind, count] of kinds) {
        const entry = crashes.get(kind) ?? { students: 0, total: 0 };
        entry.students += 1;
        entry.total += count;
        crashes.set(kind, entry);
      }
    }
  }
  const byStudents = <T extends { students: number }>(a: T, b: T) => b.students - a.students;
  return {
    round,
    levelId: rows[0]?.levelId ?? levelIdOf(room, round),
    players: rows.length,
    mistakesByConcept: [...mistakes].map(([concept, e]) => ({ concept, ...e })).sort(byStudents),
    crashesByKind: [...crashes].map(([kind, e]) => ({ kind, ...e })).sort(byStudents),
  };
}

/** The live board of the running round, by each student's best attempt so far. */
export function liveBoard(room: Room): LeaderboardRow[] {
  const entries = room
    .activeSeats()
    .filter((seat) => seat.game)
    .map((seat) => ({ seat, score: seat.game?.bestTotal(room.rules(seat)) ?? 0 }));
  return ranked(entries, (entry) => entry.score).map(({ item, rank }) => ({
    rank,
    nickname: item.seat.record.nickname,
    score: item.score,
    playerId: item.seat.record.id,
  }));
}

function levelIdOf(room: Room, round: number): string {
  const spec = room.record.playlist[round];
  if (!spec) return '';
  return spec.kind === 'level' ? spec.levelId : `rush-${spec.rushSeed}`;
}
