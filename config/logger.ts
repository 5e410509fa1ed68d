import { createHash } from 'node:crypto';
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * Structured JSON logs on stdout. Nothing a visitor typed ever goes into a log line: callers log
 * ids, topics, counts and error codes. `redact` is a second line of defence for field names that
 * would carry personal data if someone logged an object by mistake.
 */
export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: {
      paths: ['text', 'name', 'phone', 'email', 'patient', 'reason', '*.text', '*.name', '*.phone', '*.email', '*.patient', '*.reason'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A short, stable, one-way id for a conversation, safe to log and to keep in audit records. */
export function hashConversationId(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('hex').slice(0, 16);
}
