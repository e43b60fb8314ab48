/**
 * The end of every request nobody else answered: JSON 404s under /api, plain ones elsewhere,
 * and one error handler that logs the error and answers without leaking a stack trace.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';

/** Pino's shape; anything with an `error(object, message)` works. */
export interface HttpLogger {
  error(details: object, message: string): void;
}

export const consoleLogger: HttpLogger = {
  error: (details, message) => console.error(message, details),
};

export const apiNotFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'not-found' });
};

export const pageNotFound: RequestHandler = (_req, res) => {
  res.status(404).type('text/plain').send('Not found');
};

export function errorHandler(log: HttpLogger): ErrorRequestHandler {
  return (error, req, res, next) => {
    const status = clientErrorStatus(error);
    if (status === 500) log.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
    if (res.headersSent) {
      next(error);
      return;
    }
    const code = status === 500 ? 'internal' : 'bad-request';
    if (req.path.startsWith('/api/') || req.path === '/healthz') {
      res.status(status).json({ error: code });
    } else {
      res
        .status(status)
        .type('text/plain')
        .send(status === 500 ? 'Something went wrong' : 'Bad request');
    }
  };
}

/** A 4xx that Express or a body parser attached to the error (a malformed URL, say), else 500. */
function clientErrorStatus(error: unknown): number {
  if (typeof error === 'object' && error !== null) {
    const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
    const value = typeof status === 'number' ? status : statusCode;
    if (typeof value === 'number' && value >= 400 && value < 500) return value;
  }
  return 500;
}
