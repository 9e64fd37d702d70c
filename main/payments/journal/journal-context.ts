/**
 * What every part of the journal works with: the open database, the clock, cached statements,
 * and `write`, which runs a function as one transaction (a savepoint when already inside one).
 */
import type Database from 'better-sqlite3';
import { journalErrorFrom } from './journal-error';

export type SqlValue = string | number | bigint | null;

export interface JournalContext {
  db: Database.Database;
  /** Milliseconds since the epoch, from the injected clock. */
  now(): number;
  one<R>(sql: string, ...params: SqlValue[]): R | undefined;
  all<R>(sql: string, ...params: SqlValue[]): R[];
  run(sql: string, ...params: SqlValue[]): Database.RunResult;
  /** Runs `fn` in one transaction; SQLite constraint errors come out as JournalErrors about `what`. */
  write<T>(what: string, fn: () => T): T;
}

export function createJournalContext(db: Database.Database, clock: () => Date): JournalContext {
  // Statements are compiled once: the hot paths (record, settle, the voidable list) run thousands of times a day.
  const statements = new Map<string, Database.Statement<SqlValue[]>>();
  const statement = (sql: string): Database.Statement<SqlValue[]> => {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = db.prepare<SqlValue[]>(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };
  return {
    db,
    now: () => clock().getTime(),
    one: <R>(sql: string, ...params: SqlValue[]) => statement(sql).get(...params) as R | undefined,
    all: <R>(sql: string, ...params: SqlValue[]) => statement(sql).all(...params) as R[],
    run: (sql, ...params) => statement(sql).run(...params),
    write<T>(what: string, fn: () => T): T {
      try {
        return db.transaction(fn)();
      } catch (error) {
        throw journalErrorFrom(error, what);
      }
    },
  };
}
