/**
 * A cheap round trip every few seconds while connected, so that an idle screen (a lobby,
 * a projector between rounds) still shows a live latency in its connection chip. The
 * server rate-limits it like any request; a lost or refused ping just waits for the next.
 */
import { ConnectionEvent } from '../../../shared/protocol';
import { type ArenaSocket, request } from './socket';

export const PING_INTERVAL_MS = 5_000;
const PING_TIMEOUT_MS = 4_000;

/** Starts pinging; `onRoundTrip` hears each answered ping's round trip in ms. Returns a stop function. */
export function startPinger(
  socket: ArenaSocket,
  onRoundTrip: (ms: number, serverNow: number) => void,
  intervalMs = PING_INTERVAL_MS,
): () => void {
  let inFlight = false;
  const ping = async () => {
    if (inFlight || !socket.connected || document.visibilityState === 'hidden') return;
    inFlight = true;
    const started = performance.now();
    const reply = await request(socket, ConnectionEvent.Ping, {}, PING_TIMEOUT_MS);
    inFlight = false;
    if (reply.ok && socket.connected) onRoundTrip(performance.now() - started, reply.data.serverNow);
  };
  const timer = setInterval(() => void ping(), intervalMs);
  return () => clearInterval(timer);
}
