import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured JSON lines on stdout: one line per event, machine-readable first. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'fieldtest' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['password', '*.password', 'token', '*.token', 'req.headers.cookie'], remove: true },
  });
}
