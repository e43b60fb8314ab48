/**
 * What the browser remembers between visits. Only game data lives here: the resume
 * token of the last room (so a reload or a "Rejoin" goes back to the same seat), the
 * host token of a room this browser opened, and solo progress. Storage can be missing
 * or full (private browsing): every access is guarded and failures just forget.
 */
import type { TimedAction } from '../../shared/sim/types';

export interface StudentSession {
  code: string;
  resumeToken: string;
  playerId: string;
  nickname: string;
  /** Highest sequence number the server acknowledged, sent back when resuming. */
  lastAckedSeq: number;
  savedAt: number;
}

export interface HostSession {
  code: string;
  hostToken: string;
  savedAt: number;
}

export interface SoloBest {
  stars: number;
  score: number;
  seed: number;
  actions: TimedAction[];
}

const KEYS = {
  student: 'arena.student',
  host: 'arena.host',
  solo: 'arena.solo',
} as const;

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the game goes on without remembering.
  }
}

export const storage = {
  student: (): StudentSession | null => read<StudentSession>(KEYS.student),
  saveStudent: (session: StudentSession | null): void => write(KEYS.student, session),
  ackStudent(seq: number): void {
    const s = read<StudentSession>(KEYS.student);
    if (s && seq > s.lastAckedSeq) write(KEYS.student, { ...s, lastAckedSeq: seq });
  },
  host: (): HostSession | null => read<HostSession>(KEYS.host),
  saveHost: (session: HostSession | null): void => write(KEYS.host, session),

  soloBest(): Record<string, SoloBest> {
    return read<Record<string, SoloBest>>(KEYS.solo) ?? {};
  },
  /** Keeps the better run; returns true when this one is the new best. */
  recordSolo(levelId: string, run: SoloBest): boolean {
    const all = storage.soloBest();
    const old = all[levelId];
    if (old && old.score >= run.score) return false;
    all[levelId] = run;
    write(KEYS.solo, all);
    return true;
  },
};
