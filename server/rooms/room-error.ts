/**
 * An expected refusal (wrong phase, bad token, nickname taken...). Room code throws it
 * wherever the problem is found; the service catches it once and answers the request
 * with `{ ok: false, error }`. Anything else thrown is a bug, logged and answered with
 * `internal`.
 */
import type { ErrorCode, ProtocolError } from '../../shared/protocol';

export class RoomError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RoomError';
  }

  toProtocol(): ProtocolError {
    return { code: this.code, message: this.message };
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new RoomError(code, message);
}
