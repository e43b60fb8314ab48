/**
 * Secrets and codes. Everything random here comes from the operating system's CSPRNG:
 * join codes must be hard to guess, tokens impossible to.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../shared/protocol';

export { hashToken, tokenMatchesHash } from '../store/token-hash';

/** Six characters from the unambiguous alphabet, each drawn uniformly (`randomInt` has no modulo bias). */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** 128 random bits, base64url without padding: 22 characters. */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Short ids for players and solo runs; unguessable but not secret. */
export function newId(): string {
  return randomBytes(9).toString('base64url');
}

/** A 32-bit seed for a round or a rush level. */
export function newSeed(): number {
  return randomBytes(4).readUInt32BE(0);
}
