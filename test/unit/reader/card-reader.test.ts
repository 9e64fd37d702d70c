import { describe, expect, it } from 'vitest';
import { CardReader, ReaderError, type ReaderStatus } from '../../../main/reader/card-reader';
import type { CardRead } from '../../../main/reader/card-read';
import { ACK, NAK, encodeFrame } from '../../../main/reader/frame-codec';
import { listPorts } from '../../../main/reader/port-listing';
import { SensitiveCardStore } from '../../../main/reader/sensitive-card-store';
import type { ReaderSettings } from '../../../main/reader/reader-settings';
import { readerSettingsSchema } from '../../../main/reader/reader-settings';
import { createLogger } from '../../../main/log';
import { swipeLineOf, readerTestCard, track1Of, track2Of } from '../../../main/sandbox/reader-test-cards';
import { MemoryBinding, ManualTimers, settle } from './reader-fakes';

const visa = readerTestCard('4111111111111111');

async function setUp(protocol: ReaderSettings['protocol'] = 'magstripe', quiet = 0) {
  const binding = new MemoryBinding();
  const timers = new ManualTimers();
  const logLines: string[] = [];
  const settings = readerSettingsSchema.parse({ protocol, path: '/dev/ttyUSB0', baudRate: 9600, parity: 'even', dataBits: 7 });
  const reader = new CardReader({
    binding,
    settings,
    store: new SensitiveCardStore({ timers }),
    timers,
    clock: timers.clock,
    backoff: { initialMs: 100, factor: 2, maxMs: 1000 },
    problemQuietMs: quiet,
    ackTimeoutMs: 50,
    log: createLogger((line) => logLines.push(line)),
  });
  const statuses: ReaderStatus[] = [];
  const cards: CardRead[] = [];
  reader.on('status', (status) => statuses.push(status));
  reader.on('card', (card) => cards.push(card));
  reader.start();
  await settle();
  return { binding, timers, reader, statuses, cards, logLines };
}

const states = (statuses: ReaderStatus[]) => statuses.map((s) => (s.state === 'error' ? `error:${s.problem.code}` : s.state));

describe('CardReader on a stripe reader', () => {
  it('opens the configured port at its settings and emits a card per swipe', async () => {
    const { binding, statuses, cards, logLines } = await setUp();
    expect(binding.opens[0]).toEqual({ path: '/dev/ttyUSB0', baudRate: 9600, parity: 'even', dataBits: 7, stopBits: 1 });
    binding.device.send(swipeLineOf(visa).slice(0, 10));
    binding.device.send(`${swipeLineOf(visa).slice(10)}\r\n`);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ entryMode: 'swiped', maskedPan: '•••• 1111' });
    expect(states(statuses)).toEqual(['connecting', 'ready', 'reading', 'ready']);
    expect(logLines.join('')).not.toContain('4111111111111111');
  });

  it.each([
    ['bad Luhn', `${swipeLineOf({ ...visa, pan: '4111111111111112' })}\r`, 'bad-luhn'],
    ['expired', `${swipeLineOf({ ...visa, yymm: '2401' })}\n`, 'expired-card'],
    ['truncated', `${track1Of(visa).slice(0, 30)}\r\n`, 'truncated-track'],
    ['non-ASCII', `${track2Of(visa).slice(0, 10)}\u00e9\u0001${track2Of(visa).slice(10)}\r\n`, 'non-ascii'],
    ['oversized', `${'%'.repeat(10_000)}\r\n`, 'oversized-message'],
  ])('reports %s with an error status and no card, then reads the next swipe', async (_name, bytes, code) => {
    const { binding, statuses, cards } = await setUp();
    binding.device.send(Buffer.from(bytes, 'latin1'));
    expect(cards).toEqual([]);
    const error = statuses.find((s) => s.state === 'error');
    expect(error?.state === 'error' && error.problem.code).toBe(code);
    expect(statuses.at(-1)?.state).toBe('ready');
    binding.device.send(`${swipeLineOf(visa)}\r\n`);
    expect(cards).toHaveLength(1);
  });

  it('drops a half swipe after the inter-byte timeout', async () => {
    const { binding, timers, statuses, cards } = await setUp();
    binding.device.send(swipeLineOf(visa).slice(0, 40));
    timers.advance(500);
    expect(states(statuses).slice(-2)).toEqual(['error:incomplete-message', 'ready']);
    binding.device.send(`${swipeLineOf(visa)}\r\n`);
    expect(cards).toHaveLength(1);
  });

  it('survives a flood of bytes with bounded errors', async () => {
    const { binding, statuses, cards } = await setUp('magstripe', 1000);
    const flood = Buffer.alloc(4_000_000);
    for (let index = 0; index < flood.length; index += 1) flood[index] = (index * 7919) & 0xff;
    for (let offset = 0; offset < flood.length; offset += 65536) binding.device.send(flood.subarray(offset, offset + 65536));
    expect(cards).toEqual([]);
    expect(statuses.filter((s) => s.state === 'error').length).toBeLessThanOrEqual(3);
    binding.device.send(`\r\n${swipeLineOf(visa)}\r\n`);
    expect(cards).toHaveLength(1);
  });

  it('reports an unplug and reconnects with exponential backoff', async () => {
    const { binding, timers, statuses } = await setUp();
    binding.present = false;
    binding.device.unplug();
    await settle();
    expect(states(statuses).slice(2)).toEqual(['error:port-lost', 'disconnected']);
    expect(statuses.at(-1)).toMatchObject({ state: 'disconnected', retryInMs: 100 });
    const delays: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const last = statuses.at(-1);
      if (last?.state === 'disconnected' && last.retryInMs) delays.push(last.retryInMs);
      timers.advance(last?.state === 'disconnected' ? (last.retryInMs ?? 0) : 0);
      await settle();
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000]);
    binding.present = true;
    timers.advance(1000);
    await settle();
    expect(statuses.at(-1)).toEqual({ state: 'ready', path: '/dev/ttyUSB0' });
    expect(binding.opens.length).toBe(7);
  });

  it('stops without reconnecting', async () => {
    const { binding, reader, timers, statuses } = await setUp();
    await reader.stop();
    expect(binding.device.open).toBe(false);
    timers.advance(10_000);
    await settle();
    expect(binding.opens).toHaveLength(1);
    expect(statuses.at(-1)?.state).toBe('disconnected');
  });

  it('lists ports with vendor and product ids first', async () => {
    const ports = await listPorts(new MemoryBinding());
    expect(ports[0]).toEqual({ path: '/dev/ttyUSB0', vendorId: '0801', productId: '0002', manufacturer: 'MagTek' });
  });
});

describe('CardReader on a PIN pad', () => {
  it('sends show-amount and request-card, then reads the card frame and ACKs it', async () => {
    const { binding, reader, cards, statuses } = await setUp('pinpad');
    const shown = reader.showAmount(1999, 'USD', 2);
    expect(binding.device.takeWritten()).toEqual(encodeFrame('0SA\x1c1999\x1cUSD\x1c2'));
    binding.device.send(Uint8Array.of(ACK));
    await shown;
    const requested = reader.requestCard(['inserted', 'tapped'], 30);
    expect(binding.device.takeWritten()).toEqual(encodeFrame('1RC\x1cIT\x1c30'));
    binding.device.send(Uint8Array.of(ACK));
    await requested;
    expect(statuses.at(-1)?.state).toBe('reading');
    binding.device.send(encodeFrame(`5CD\x1cS\x1c${track1Of(visa)}\x1c${track2Of(visa)}\x1c`));
    expect(binding.device.takeWritten()).toEqual(Buffer.of(ACK));
    expect(cards).toHaveLength(1);
    expect(statuses.at(-1)?.state).toBe('ready');
  });

  it('NAKs a bad LRC, then takes the resend', async () => {
    const { binding, cards, statuses } = await setUp('pinpad');
    const frame = encodeFrame(`5CD\x1cS\x1c\x1c${track2Of(visa)}\x1c`);
    const bad = Buffer.from(frame);
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 0x10, bad.length - 1);
    binding.device.send(bad);
    expect(binding.device.takeWritten()).toEqual(Buffer.of(NAK));
    expect(cards).toEqual([]);
    expect(states(statuses)).toContain('error:bad-frame-lrc');
    binding.device.send(frame);
    expect(cards).toHaveLength(1);
  });

  it('rejects with no-acknowledgement when the pad stays silent', async () => {
    const { binding, reader, timers, statuses } = await setUp('pinpad');
    const outcome = reader.cancel().then(() => undefined, (error: unknown) => error);
    for (let attempt = 0; attempt < 4; attempt += 1) timers.advance(50);
    const error = await outcome;
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).problem.code).toBe('no-acknowledgement');
    expect(binding.device.written).toHaveLength(4);
    expect(states(statuses)).toContain('error:no-acknowledgement');
  });

  it('reports malformed messages and reader-side errors without a card', async () => {
    const { binding, cards, statuses } = await setUp('pinpad');
    binding.device.send(encodeFrame('1ZZ\x1cwhat'));
    binding.device.send(encodeFrame('2CD\x1cI\x1c\x1c\x1cXYZ'));
    binding.device.send(encodeFrame('3CE\x1cCC'));
    expect(cards).toEqual([]);
    expect(states(statuses).filter((s) => s.startsWith('error'))).toEqual(['error:malformed-message', 'error:malformed-message', 'error:reader-reported']);
  });
});

describe('CardReader housekeeping', () => {
  it('reopens on reconfigure and keeps going when a listener throws', async () => {
    const { binding, reader, cards, statuses } = await setUp();
    reader.on('card', () => {
      throw new Error('listener bug');
    });
    await reader.reconfigure(readerSettingsSchema.parse({ protocol: 'magstripe', path: '/dev/ttyUSB1', baudRate: 19200 }));
    await settle();
    expect(binding.opens.map((open) => `${open.path}@${open.baudRate}`)).toEqual(['/dev/ttyUSB0@9600', '/dev/ttyUSB1@19200']);
    expect(statuses.at(-1)).toEqual({ state: 'ready', path: '/dev/ttyUSB1' });
    binding.device.send(`${swipeLineOf(visa)}\r\n`);
    binding.device.send(`${swipeLineOf(visa)}\r\n`);
    expect(cards).toHaveLength(2);
  });

  it('keeps the reading state through a bad frame while a card is requested', async () => {
    const { binding, reader, statuses } = await setUp('pinpad');
    const requested = reader.requestCard();
    binding.device.send(Uint8Array.of(ACK));
    await requested;
    const bad = encodeFrame('1CX');
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 1, bad.length - 1);
    binding.device.send(bad);
    expect(states(statuses).slice(-2)).toEqual(['error:bad-frame-lrc', 'reading']);
  });
});
