/**
 * Orders both stores return, so callers (and the contract tests) see the same lists.
 *
 * Leaderboard: highest score first, ties broken by player id in descending byte order —
 * exactly what a reverse range over a Redis sorted set yields, so the memory store can match
 * it and a projector never reshuffles equal scores between polls.
 * Players: in the order they joined (ties by id), whatever order a Redis hash returns.
 */
import type { PlayerRecord } from './types';

export interface LeaderboardEntry {
  playerId: string;
  score: number;
}

export function compareLeaderboardEntries(a: LeaderboardEntry, b: LeaderboardEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  return Buffer.compare(Buffer.from(b.playerId, 'utf8'), Buffer.from(a.playerId, 'utf8'));
}

export function comparePlayers(a: PlayerRecord, b: PlayerRecord): number {
  if (a.joinedAt !== b.joinedAt) return a.joinedAt - b.joinedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
