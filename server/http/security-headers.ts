/**
 * Security headers (helmet) with a Content-Security-Policy the built client can live with:
 * its own scripts only, blob: workers and images (Phaser makes both), data: images (QR
 * codes), and Socket.IO over the same host (ws:/wss:). No upgrade-insecure-requests: a
 * classroom server is often reached over plain http on the school network, and upgrading
 * its requests to https would break every page.
 */

import type { RequestHandler } from 'express';
import helmet from 'helmet';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'media-src': ["'self'", 'data:', 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'", 'ws:', 'wss:'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'self'"],
  'form-action': ["'self'"],
} as const;

export function securityHeaders(): RequestHandler {
  const directives = Object.fromEntries(
    Object.entries(CONTENT_SECURITY_POLICY).map(([name, values]) => [name, [...values]]),
  );
  return helmet({ contentSecurityPolicy: { useDefaults: false, directives } });
}
