/**
 * The terminal's card reader as the settings choose it: none (keyed entry only), a real serial
 * reader, or training mode's simulated reader on a socat cable, whose "present a test card"
 * buttons go through the simulator and the real driver. Started on first use, restarted when
 * the reader settings change; status and cards are forwarded as contract events.
 */
import type { ReaderChoice, ReaderStatus, SerialReaderSettings } from '../preload/contract';
import { TerminalError } from './errors';
import type { EventBus } from './ipc/event-bus';
import type { Logger } from './log';
import { CardReader, listPorts, serialportBinding, type SensitiveCardStore, type SerialBinding, type SerialPortInfo } from './reader';
import { readerTestCards } from './sandbox/reader-test-cards';
import { startTrainingReader, type TrainingReader } from './sandbox/reader-training';

export interface ReaderServiceParts {
  choice: () => ReaderChoice;
  store: SensitiveCardStore;
  events: EventBus;
  logger: Logger;
  clock: () => Date;
  binding?: SerialBinding;
}

export interface ReaderService {
  /** Starts the reader if it is not running yet, and says how it is. */
  status(): Promise<ReaderStatus>;
  listPorts(): Promise<SerialPortInfo[]>;
  testCards(): { index: number; label: string }[];
  present(index: number, how: 'swipe' | 'insert' | 'tap'): Promise<void>;
  /** The reader settings changed: stop the old reader, start the new one if one was running. */
  reconfigure(): Promise<void>;
  close(): Promise<void>;
}

interface Running {
  reader?: CardReader;
  training?: TrainingReader;
}

export function createReaderService(parts: ReaderServiceParts): ReaderService {
  const binding = parts.binding ?? serialportBinding();
  let running: Promise<Running> | undefined;
  let latest: ReaderStatus = { state: 'off' };

  const publish = (status: ReaderStatus) => {
    latest = status;
    parts.events.emit('reader.status', status);
  };

  const drive = (settings: SerialReaderSettings): CardReader => {
    const reader = new CardReader({ binding, settings, store: parts.store, clock: parts.clock, log: parts.logger });
    reader.on('status', publish);
    reader.on('card', (card) => parts.events.emit('reader.card', card));
    reader.start();
    return reader;
  };

  const start = async (): Promise<Running> => {
    const choice = parts.choice();
    if (choice.mode === 'none') {
      publish({ state: 'off' });
      return {};
    }
    if (choice.mode === 'serial') return { reader: drive(choice.serial) };
    try {
      const training = await startTrainingReader(choice.protocol);
      const reader = drive(training.settings);
      await training.simulator();
      return { reader, training };
    } catch (error) {
      const message = `the training reader could not start (it needs socat): ${error instanceof Error ? error.message : String(error)}`;
      parts.logger.log('error', 'training reader failed to start', { reason: message });
      publish({ state: 'error', problem: { code: 'port-open-failed', message } });
      return {};
    }
  };

  const stop = async () => {
    const previous = running;
    running = undefined;
    if (!previous) return;
    const { reader, training } = await previous;
    await reader?.stop();
    await training?.stop();
  };

  const ensure = () => (running ??= start());

  return {
    async status() {
      await ensure();
      return latest;
    },
    listPorts: () => listPorts(binding),
    testCards: () => readerTestCards.map((card, index) => ({ index, label: `${card.label} •••• ${card.pan.slice(-4)}` })),
    async present(index, how) {
      const { training } = await ensure();
      if (!training) throw new TerminalError('FORBIDDEN', 'test cards can be presented only with the training reader (Settings → reader: training)');
      const card = readerTestCards[index];
      if (!card) throw new TerminalError('INVALID_ARGUMENT', `no test card number ${index}`, [{ field: 'index', message: `must be 0 to ${readerTestCards.length - 1}` }]);
      await training.present(card.pan, how);
    },
    async reconfigure() {
      const wasRunning = running !== undefined;
      await stop();
      latest = { state: 'off' };
      if (wasRunning) await ensure();
    },
    close: stop,
  };
}
