/**
 * Card reader latency: the last byte of a card message written by the reader simulator → the
 * `card` event in main, over a socat pty at 115200 baud with the real `serialport` binding.
 *
 * Both ends run in this process, as in training mode. 1,000 reads per case after 50 warm-up
 * reads; target p99 < 5 ms.
 */
import { CardReader } from '../../main/reader/card-reader';
import type { ReaderProtocol } from '../../main/reader/reader-settings';
import { readerSettingsSchema } from '../../main/reader/reader-settings';
import { SensitiveCardStore } from '../../main/reader/sensitive-card-store';
import { serialportBinding } from '../../main/reader/serialport-binding';
import { ReaderCable } from '../../main/sandbox/reader-cable';
import { type Presentation, ReaderSimulator } from '../../main/sandbox/reader-simulator';
import { readerTestCards } from '../../main/sandbox/reader-test-cards';
import { percentile, printTable } from './report';

const reads = 1000;
const warmUp = 50;
const baudRate = 115200;

async function measure(protocol: ReaderProtocol, how: Presentation): Promise<number[]> {
  const base = `/tmp/counter-reader-bench-${process.pid}-${protocol}-${how}`;
  const cable = await ReaderCable.start({ terminalPath: `${base}-terminal`, devicePath: `${base}-device` });
  const store = new SensitiveCardStore();
  const reader = new CardReader({ binding: serialportBinding(), store, settings: readerSettingsSchema.parse({ protocol, path: cable.terminalPath, baudRate }) });
  const ready = new Promise<void>((resolve) => reader.on('status', (status) => status.state === 'ready' && resolve()));
  reader.start();
  await ready;
  const simulator = await ReaderSimulator.open({ protocol, path: cable.devicePath, baudRate });
  let arrived: (at: number) => void = () => undefined;
  reader.on('card', (card) => {
    const at = performance.now();
    store.take(card.handle);
    arrived(at);
  });
  reader.on('status', (status) => {
    if (status.state === 'error') console.error(`reader error during the bench: ${status.problem.code}`);
  });
  const samples: number[] = [];
  try {
    for (let index = 0; index < warmUp + reads; index += 1) {
      const card = readerTestCards[index % readerTestCards.length];
      if (!card) throw new Error('no test cards');
      const cardAt = new Promise<number>((resolve) => (arrived = resolve));
      const { lastByteAt } = await simulator.presentTimed(card, how);
      const latency = (await cardAt) - lastByteAt;
      if (index >= warmUp) samples.push(latency);
    }
  } finally {
    await reader.stop();
    await simulator.close();
    await cable.stop();
  }
  return samples;
}

const cases: [string, ReaderProtocol, Presentation][] = [
  ['stripe reader, swipe (both tracks)', 'magstripe', 'swipe'],
  ['PIN pad, swipe', 'pinpad', 'swipe'],
  ['PIN pad, insert (EMV TLV)', 'pinpad', 'insert'],
  ['PIN pad, tap (EMV TLV)', 'pinpad', 'tap'],
];

const rows: (string | number)[][] = [];
for (const [label, protocol, how] of cases) {
  const samples = await measure(protocol, how);
  rows.push([label, String(samples.length), percentile(samples, 50), percentile(samples, 99), Math.max(...samples)]);
}
printTable(`Last byte written by the reader simulator → card event (${reads} reads each, pty at ${baudRate} baud; target p99 < 5 ms)`, ['reads', 'p50 ms', 'p99 ms', 'max ms'], rows);
