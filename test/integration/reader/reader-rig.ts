/**
 * A real serial line for reader tests: socat pty pair, the real `serialport` binding, the
 * terminal's driver on one end and the reader simulator on the other.
 */
import { CardReader, type CardReaderOptions, type ReaderStatus } from '../../../main/reader/card-reader';
import type { CardRead } from '../../../main/reader/card-read';
import type { ReaderProblemCode } from '../../../main/reader/reader-problem';
import { readerSettingsSchema, type ReaderProtocol } from '../../../main/reader/reader-settings';
import { SensitiveCardStore } from '../../../main/reader/sensitive-card-store';
import { serialportBinding } from '../../../main/reader/serialport-binding';
import { ReaderCable } from '../../../main/sandbox/reader-cable';
import { ReaderSimulator } from '../../../main/sandbox/reader-simulator';

let serial = 0;

export interface ReaderRig {
  cable: ReaderCable;
  reader: CardReader;
  simulator: ReaderSimulator;
  store: SensitiveCardStore;
  cards: CardRead[];
  statuses: ReaderStatus[];
  /** Resolves with the next card event (or rejects on timeout). */
  nextCard(timeoutMs?: number): Promise<CardRead>;
  /** Resolves with the next status matching, counting from now. */
  nextStatus(match: (status: ReaderStatus) => boolean, timeoutMs?: number): Promise<ReaderStatus>;
  nextError(code: ReaderProblemCode, timeoutMs?: number): Promise<ReaderStatus>;
  close(): Promise<void>;
}

export async function startRig(protocol: ReaderProtocol, options: Partial<Pick<CardReaderOptions, 'ackTimeoutMs' | 'interByteTimeoutMs' | 'backoff'>> = {}, baudRate = 115200): Promise<ReaderRig> {
  serial += 1;
  const base = `/tmp/counter-reader-${process.pid}-${Date.now().toString(36)}-${serial}`;
  const cable = await ReaderCable.start({ terminalPath: `${base}-terminal`, devicePath: `${base}-device` });
  const binding = serialportBinding();
  const store = new SensitiveCardStore();
  const reader = new CardReader({
    binding,
    store,
    settings: readerSettingsSchema.parse({ protocol, path: cable.terminalPath, baudRate }),
    problemQuietMs: 0,
    backoff: { initialMs: 50, factor: 2, maxMs: 400 },
    ...options,
  });
  const cards: CardRead[] = [];
  const statuses: ReaderStatus[] = [];
  reader.on('card', (card) => cards.push(card));
  reader.on('status', (status) => statuses.push(status));

  const waitFor = <T>(subscribe: (done: (value: T) => void) => () => void, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; statuses: ${JSON.stringify(statuses.slice(-6))}`));
      }, timeoutMs);
      const unsubscribe = subscribe((value) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(value);
      });
    });
  const nextStatus = (match: (status: ReaderStatus) => boolean, timeoutMs = 5000) =>
    waitFor<ReaderStatus>((done) => reader.on('status', (status) => match(status) && done(status)), 'a status', timeoutMs);
  const nextCard = (timeoutMs = 5000) => waitFor<CardRead>((done) => reader.on('card', done), 'a card', timeoutMs);

  const ready = nextStatus((status) => status.state === 'ready');
  reader.start();
  await ready;
  const simulator = await ReaderSimulator.open({ protocol, path: cable.devicePath, baudRate, cable, ackTimeoutMs: 300 });
  return {
    cable,
    reader,
    simulator,
    store,
    cards,
    statuses,
    nextCard,
    nextStatus,
    nextError: (code, timeoutMs) => nextStatus((status) => status.state === 'error' && status.problem.code === code, timeoutMs),
    async close() {
      await reader.stop();
      await simulator.close();
      await cable.stop();
      store.wipeAll();
    },
  };
}
