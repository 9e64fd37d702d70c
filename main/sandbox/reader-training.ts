/**
 * Training mode's card reader: a socat cable in a private folder, the reader simulator on one
 * end, and the settings for the terminal's real driver on the other. The "present a test card"
 * buttons call `present()`, so the card goes through the serial line and the real driver.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReaderSettings } from '../reader/reader-settings';
import { ReaderCable } from './reader-cable';
import { type Presentation, type Presented, type SimulatedProtocol, ReaderSimulator } from './reader-simulator';
import { readerTestCards } from './reader-test-cards';

export interface TrainingReader {
  /** Give these to the terminal's `CardReader` (or `reconfigure()` it with them). */
  settings: ReaderSettings;
  /** Opens the simulator's end; call after the driver has started so the first card is not lost. */
  simulator(): Promise<ReaderSimulator>;
  present(pan: string, how: Presentation): Promise<Presented>;
  cards: readonly { pan: string; label: string }[];
  stop(): Promise<void>;
}

export async function startTrainingReader(protocol: SimulatedProtocol = 'pinpad', baudRate = 115200): Promise<TrainingReader> {
  const folder = await mkdtemp(join(tmpdir(), 'counter-reader-'));
  const cable = await ReaderCable.start({ terminalPath: join(folder, 'terminal'), devicePath: join(folder, 'device') });
  let simulator: Promise<ReaderSimulator> | undefined;
  const open = () => (simulator ??= ReaderSimulator.open({ protocol, path: cable.devicePath, baudRate, cable }));
  return {
    settings: { protocol, path: cable.terminalPath, baudRate, parity: 'none', dataBits: 8, stopBits: 1 },
    simulator: open,
    async present(pan, how) {
      return (await open()).present(pan, protocol === 'magstripe' ? 'swipe' : how);
    },
    cards: readerTestCards.map(({ pan, label }) => ({ pan, label })),
    async stop() {
      if (simulator) await (await simulator).close();
      await cable.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
