/**
 * The server process: reads the environment, starts everything, and shuts down cleanly
 * on SIGTERM/SIGINT (stop taking connections, finish queued writes, close the store).
 * After a crash, starting it again with the same REDIS_URL brings every room back.
 */
import pino from 'pino';
import { LEVELS } from '../levels';
import { startServer } from './app';
import { loadConfig } from './config';

const config = loadConfig(process.env);
const logger = pino({ level: config.logLevel, base: { service: 'memory-arena' } });

const server = await startServer(config, logger, LEVELS).catch((error: unknown) => {
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
});
logger.info(
  { port: server.port, store: server.store.kind, recovered: server.recovered, tickHz: config.rooms.tickHz },
  'listening',
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    logger.error({}, 'shutdown timed out');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  timer.unref();
  try {
    await server.close();
    logger.info({}, 'stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection'));
