/**
 * The baseline: a bare Socket.IO server that answers every action with an
 * acknowledgement of the same shape and size as the game server's (the bots' misclicks
 * refused with the same reason), and sends the same
 * unprompted messages the game server sends (room states, leaderboards, the hosts'
 * progress), at the same rates and sizes as measured on the game server. It keeps no
 * state and runs no game: what is left between the two is the game's own cost.
 * Same message size limit, no compression. Prints `{"msg":"listening","port":N}`, then
 * its collector's pauses every STATS_INTERVAL_MS, as the game server's stats log does.
 *
 * PUSH_PLAN (JSON, a `PushPlan`): the unprompted messages per connection, by role. The
 * load bench measures it on the game server and passes it on; without it only acks are sent.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { watchGarbageCollector } from '../server/gc-watch';
import { MAX_MESSAGE_BYTES } from '../shared/protocol';

/** Messages per second and payload characters, for one student's and one host's connection. */
export interface PushPlan {
  student: { perSecond: number; chars: number };
  host: { perSecond: number; chars: number };
}

interface ActionPayload {
  seq?: number;
  tick?: number;
  action?: { objectId?: string };
}

const MISCLICK_REASON = 'There is no object ghost.';

const plan: PushPlan | null = process.env.PUSH_PLAN ? (JSON.parse(process.env.PUSH_PLAN) as PushPlan) : null;

const httpServer = createServer();
const io = new Server(httpServer, {
  maxHttpBufferSize: MAX_MESSAGE_BYTES,
  perMessageDeflate: false,
  httpCompression: false,
  serveClient: false,
});

/** Sends `push` messages at the planned rate, each interval jittered by ±20 % as timers in a real server drift. */
function startPushes(socket: Socket, rate: { perSecond: number; chars: number }): void {
  if (rate.perSecond <= 0) return;
  const payload = { pad: 'x'.repeat(Math.max(0, rate.chars - 10)) };
  const every = 1000 / rate.perSecond;
  let timer: NodeJS.Timeout;
  const next = (delay: number) => {
    timer = setTimeout(() => {
      socket.emit('push', payload);
      next(every * (0.8 + Math.random() * 0.4));
    }, delay);
  };
  next(Math.random() * every);
  socket.once('disconnect', () => clearTimeout(timer));
}

io.on('connection', (socket) => {
  if (plan) startPushes(socket, socket.handshake.query.role === 'host' ? plan.host : plan.student);
  socket.on('game:action', (payload: ActionPayload | null, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const seq = payload?.seq ?? 0;
    const tick = payload?.tick ?? 0;
    const hash = '0123456789abcdef';
    // The bots' misclick: refused, as the game server refuses it, with a reason of the same length.
    if (payload?.action?.objectId === 'ghost') {
      ack({
        ok: true,
        data: { seq, accepted: false, code: 'rejected', reason: MISCLICK_REASON, tick, hash },
      });
    } else {
      ack({ ok: true, data: { seq, accepted: true, tick, hash } });
    }
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`);
});

// The collector's pauses, reported as the game server's stats log reports them.
const gc = watchGarbageCollector();
setInterval(
  () => process.stdout.write(`${JSON.stringify({ msg: 'stats', ...gc.take() })}\n`),
  Number(process.env.STATS_INTERVAL_MS ?? 5000),
).unref();
process.on('SIGTERM', () => io.close(() => process.exit(0)));
