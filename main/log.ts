/**
 * The terminal's log: one JSON line per entry, with card numbers and registered secrets removed
 * before anything reaches the sink.
 */
import { maskPan } from './card-number';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, detail?: Record<string, unknown>): void;
  /** Values that must never be written, whatever field they turn up in (shared secrets, tokens). */
  addSecret(value: string): void;
}

/** 13 or more digits, optionally split by spaces or dashes: a card number, or track data around one. */
const panLike = /\b\d(?:[ -]?\d){12,}\b/g;


export function redact(text: string, secrets: Iterable<string> = []): string {
  let clean = text.replace(panLike, maskPan);
  for (const secret of secrets) if (secret.length > 0) clean = clean.split(secret).join('[secret]');
  return clean;
}

export function createLogger(write: (line: string) => void, clock: () => Date = () => new Date()): Logger {
  const secrets = new Set<string>();
  return {
    log(level, message, detail) {
      const entry = JSON.stringify({ time: clock().toISOString(), level, message, ...detail });
      write(redact(entry, secrets) + '\n');
    },
    addSecret(value) {
      secrets.add(value);
    },
  };
}
