/**
 * Bumped whenever an event or payload changes incompatibly. A client sends it when it
 * creates, joins or resumes; the server refuses a mismatch with `protocol-mismatch`
 * instead of misreading messages.
 */
export const PROTOCOL_VERSION = 1;
