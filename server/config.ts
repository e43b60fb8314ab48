/**
 * The server's settings, all from the environment, checked once at start: a bad value
 * stops the server with a message naming the variable, rather than misbehaving later.
 *
 *   PORT (3000; 0 picks a free port)   HOST (all interfaces)   REDIS_URL (memory store when unset)
 *   TICK_HZ (10)   TTL_SECONDS (86400, also STORE_TTL_SECONDS)   STORE_KEY_PREFIX (arena:)
 *   LOG_LEVEL (info)   CLIENT_DIR (dist/client)   MAX_MESSAGE_BYTES (32768)
 *   ACTION_RATE (20 per second per student)   JOIN_BURST (60) JOIN_PER_MINUTE (120) per address
 *   SOLO_BURST (10) SOLO_PER_MINUTE (30) per address   MAX_CONNECTIONS_PER_ADDRESS (1000)
 *   TRUST_PROXY (false)   CORS_ORIGINS (none)
 *   PROGRESS_INTERVAL_MS (400)   SHUTDOWN_TIMEOUT_MS (10000)   STATS_INTERVAL_MS (60000; 0 = off)
 */
import { ACTION_RATE_PER_SECOND, DEFAULT_TICK_HZ, MAX_MESSAGE_BYTES } from '../shared/protocol';
import {
  DEFAULT_IDLE_ROOM_MS,
  DEFAULT_PROGRESS_INTERVAL_MS,
  DEFAULT_STUDENT_BOARD_INTERVAL_MS,
  DEFAULT_WATCH_INTERVAL_MS,
  type RoomServiceConfig,
} from './rooms/ports';
import { DEFAULT_TTL_SECONDS } from './store/create-store';
import type { HandlerOptions } from './transport/socket-handlers';

export interface ServerConfig {
  port: number;
  host: string | undefined;
  redisUrl: string | undefined;
  ttlSeconds: number;
  keyPrefix: string | undefined;
  logLevel: string;
  clientDir: string;
  maxMessageBytes: number;
  corsOrigins: string[];
  shutdownTimeoutMs: number;
  /** A stats line in the log this often; 0 turns it off. */
  statsIntervalMs: number;
  rooms: RoomServiceConfig;
  handlers: HandlerOptions;
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env): ServerConfig {
  const read = reader(env);
  const tickHz = read.number('TICK_HZ', DEFAULT_TICK_HZ, 1, 60);
  const actionRate = read.number('ACTION_RATE', ACTION_RATE_PER_SECOND, 1, 1000);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  return {
    port: read.number('PORT', 3000, 0, 65535),
    host: env.HOST || undefined,
    redisUrl: env.REDIS_URL || undefined,
    ttlSeconds: read.number(
      'TTL_SECONDS',
      read.number('STORE_TTL_SECONDS', DEFAULT_TTL_SECONDS, 1, 1e9),
      1,
      1e9,
    ),
    keyPrefix: env.STORE_KEY_PREFIX || undefined,
    logLevel,
    clientDir: env.CLIENT_DIR || 'dist/client',
    maxMessageBytes: read.number('MAX_MESSAGE_BYTES', MAX_MESSAGE_BYTES, 1024, 1 << 22),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    shutdownTimeoutMs: read.number('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    statsIntervalMs: read.number('STATS_INTERVAL_MS', 60_000, 0, 3_600_000),
    rooms: {
      tickHz,
      progressIntervalMs: read.number('PROGRESS_INTERVAL_MS', DEFAULT_PROGRESS_INTERVAL_MS, 50, 500),
      studentBoardIntervalMs: DEFAULT_STUDENT_BOARD_INTERVAL_MS,
      watchIntervalMs: DEFAULT_WATCH_INTERVAL_MS,
      actionRatePerSecond: actionRate,
      idleRoomMs: DEFAULT_IDLE_ROOM_MS,
    },
    handlers: {
      joinBurst: read.number('JOIN_BURST', 60, 1, 1e6),
      joinPerSecond: read.number('JOIN_PER_MINUTE', 120, 1, 1e8) / 60,
      soloBurst: read.number('SOLO_BURST', 10, 1, 1e6),
      soloPerSecond: read.number('SOLO_PER_MINUTE', 30, 1, 1e8) / 60,
      requestBurst: Math.max(60, actionRate * 3),
      requestPerSecond: Math.max(40, actionRate * 2),
      trustProxy: read.flag('TRUST_PROXY'),
      maxConnectionsPerAddress: read.number('MAX_CONNECTIONS_PER_ADDRESS', 1000, 1, 1e6),
    },
  };
}

function reader(env: Env) {
  return {
    number(name: string, fallback: number, min: number, max: number): number {
      const raw = env[name];
      if (raw === undefined || raw === '') return fallback;
      const value = Number(raw);
      if (!Number.isFinite(value) || value < min || value > max) {
        throw new Error(`${name} must be a number from ${min} to ${max}, not "${raw}"`);
      }
      return value;
    },
    flag(name: string): boolean {
      const raw = (env[name] ?? '').toLowerCase();
      if (raw === '' || raw === '0' || raw === 'false' || raw === 'no') return false;
      if (raw === '1' || raw === 'true' || raw === 'yes') return true;
      throw new Error(`${name} must be true or false, not "${env[name]}"`);
    },
  };
}
