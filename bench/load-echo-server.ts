/**
 * The baseline: a bare Socket.IO server that answers every action with an
 * acknowledgement of the same shape and size as the game server's, and does nothing
 * else. Same message size limit, no compression. Prints `{"msg":"listening","port":N}`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { MAX_MESSAGE_BYTES } from '../shared/protocol';

const httpServer = createServer();
const io = new Server(httpServer, {
  maxHttpBufferSize: MAX_MESSAGE_BYTES,
  perMessageDeflate: false,
  httpCompression: false,
  serveClient: false,
});

io.on('connection', (socket) => {
  socket.on('game:action', (payload: { seq?: number; tick?: number } | null, ack: unknown) => {
    if (typeof ack !== 'function') return;
    ack({
      ok: true,
      data: { seq: payload?.seq ?? 0, accepted: true, tick: payload?.tick ?? 0, hash: '0123456789abcdef' },
    });
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`);
});
process.on('SIGTERM', () => io.close(() => process.exit(0)));
