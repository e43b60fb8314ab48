/**
 * The real server (HTTP + Socket.IO + rooms) in this process on a free port, on the
 * memory store or a real Redis.
 */
import { type RunningServer, startServer } from '../../../server/app';
import { loadConfig } from '../../../server/config';
import { silentLogger } from '../../../server/rooms/ports';
import { generateRushLevel } from '../../../shared/level/rush';
import { CALL_STACK } from './test-levels';

export interface TestServer extends RunningServer {
  url: string;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  const server = await startServer(config, silentLogger, [CALL_STACK, generateRushLevel(1)]);
  return { ...server, url: `http://127.0.0.1:${server.port}` };
}
