/**
 * The reader driver and the reader simulator over a real serial line: socat ptys and the real
 * `serialport` native binding.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CardReader } from '../../../main/reader/card-reader';
import type { CardRead } from '../../../main/reader/card-read';
import { listPorts } from '../../../main/reader/port-listing';
import { SensitiveCardStore } from '../../../main/reader/sensitive-card-store';
import { serialportBinding } from '../../../main/reader/serialport-binding';
import { ReaderSimulator } from '../../../main/sandbox/reader-simulator';
import { startTrainingReader } from '../../../main/sandbox/reader-training';
import { readerTestCards, track2Of } from '../../../main/sandbox/reader-test-cards';
import { startRig, type ReaderRig } from './reader-rig';

let rig: ReaderRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('stripe reader on a pty', () => {
  it('reads a swipe of every guide test card, with and without track LRCs', async () => {
    rig = await startRig('magstripe');
    for (const card of readerTestCards) {
      const next = rig.nextCard();
      await rig.simulator.present(card.pan, 'swipe');
      const read = await next;
      expect(read).toMatchObject({ entryMode: 'swiped', maskedPan: `•••• ${card.pan.slice(-4)}`, cardholderName: 'JOHN DOE' });
      expect(rig.store.take(read.handle)?.pan).toBe(card.pan);
    }
    expect(rig.cards).toHaveLength(readerTestCards.length);
    // The same reader configured to append each track's LRC.
    await rig.simulator.close();
    const withLrc = await ReaderSimulator.open({ protocol: 'magstripe', path: rig.cable.devicePath, baudRate: 115200, trackLrc: true });
    try {
      for (const card of readerTestCards) {
        const next = rig.nextCard();
        await withLrc.present(card.pan, 'swipe');
        expect((await next).maskedPan).toBe(`•••• ${card.pan.slice(-4)}`);
      }
    } finally {
      await withLrc.close();
    }
  });

  it('recovers from garbage, a bad LRC, a half swipe, an expired card and a bad Luhn with no card event', async () => {
    rig = await startRig('magstripe', { interByteTimeoutMs: 150 });
    const { simulator } = rig;
    let error = rig.nextError('non-ascii');
    simulator.sendGarbage(200, 7);
    await error;
    error = rig.nextError('bad-track-lrc');
    simulator.sendBadLrc();
    await error;
    error = rig.nextError('incomplete-message');
    simulator.sendHalfMessage();
    await error;
    error = rig.nextError('expired-card');
    await simulator.present('4111111111111111', 'swipe', { card: { yymm: '2401' } });
    await error;
    error = rig.nextError('bad-luhn');
    await simulator.present('4111111111111112', 'swipe');
    await error;
    const next = rig.nextCard();
    await simulator.present('5555555555554444', 'swipe');
    expect((await next).maskedPan).toBe('•••• 4444');
    expect(rig.cards).toHaveLength(1);
  });

  it('reports an unplug, reconnects when the reader comes back, and reads again', async () => {
    rig = await startRig('magstripe');
    const lost = rig.nextError('port-lost');
    const waiting = rig.nextStatus((status) => status.state === 'disconnected');
    await rig.simulator.unplug();
    await lost;
    expect(await waiting).toMatchObject({ state: 'disconnected', retryInMs: 50 });
    // While unplugged the driver keeps trying and failing.
    await rig.nextError('port-open-failed');
    const back = rig.nextStatus((status) => status.state === 'ready');
    await rig.simulator.replug();
    await back;
    const next = rig.nextCard();
    await rig.simulator.present('4111111111111111', 'swipe');
    expect((await next).maskedPan).toBe('•••• 1111');
    const states = rig.statuses.map((status) => status.state);
    expect(states.slice(0, 2)).toEqual(['connecting', 'ready']);
    expect(states).toContain('connecting');
  });
});

describe('PIN pad on a pty', () => {
  it('reads every guide test card by swipe, insert and tap', async () => {
    rig = await startRig('pinpad');
    for (const card of readerTestCards) {
      for (const [how, entryMode] of [
        ['swipe', 'swiped'],
        ['insert', 'inserted'],
        ['tap', 'tapped'],
      ] as const) {
        const next = rig.nextCard();
        await rig.simulator.present(card.pan, how);
        const read = await next;
        expect(read).toMatchObject({ entryMode, maskedPan: `•••• ${card.pan.slice(-4)}`, expiry: { month: 12, year: 2031 } });
        const sensitive = rig.store.take(read.handle);
        expect(sensitive?.pan).toBe(card.pan);
        if (how === 'swipe') expect(sensitive?.emvTags).toBeUndefined();
        else {
          expect(sensitive?.emvTags).toMatch(/^[0-9A-F]+$/);
          expect(sensitive?.trackData).toBe(track2Of(card, { serviceCode: '201' }));
        }
      }
    }
    expect(rig.cards).toHaveLength(readerTestCards.length * 3);
  });

  it('shows the amount, asks for a card and cancels', async () => {
    rig = await startRig('pinpad');
    let message = rig.simulator.nextMessage();
    await rig.reader.showAmount(10221, 'USD', 2);
    expect(await message).toEqual({ type: 'show-amount', amountMinor: 10221, currency: 'USD', exponent: 2 });
    message = rig.simulator.nextMessage();
    await rig.reader.requestCard(['inserted', 'tapped'], 45);
    expect(await message).toEqual({ type: 'request-card', modes: ['inserted', 'tapped'], timeoutSeconds: 45 });
    expect(rig.reader.status.state).toBe('reading');
    message = rig.simulator.nextMessage();
    await rig.reader.cancel();
    expect(await message).toEqual({ type: 'cancel' });
    expect(rig.reader.status.state).toBe('ready');
  });

  it('NAKs a bad LRC; the resend is read once', async () => {
    rig = await startRig('pinpad');
    const error = rig.nextError('bad-frame-lrc');
    const next = rig.nextCard();
    await rig.simulator.present('378282246310005', 'insert', { corruptFirstAttempt: true });
    await error;
    expect((await next).brand).toBe('amex');
    expect(rig.simulator.naks).toBe(1);
    expect(rig.cards).toHaveLength(1);
  });

  it('recovers from garbage, a bad LRC and a half frame with no card event', async () => {
    rig = await startRig('pinpad', { interByteTimeoutMs: 150 });
    const { simulator } = rig;
    let error = rig.nextError('line-noise');
    simulator.sendGarbage(500, 3);
    await error;
    error = rig.nextError('bad-frame-lrc');
    simulator.sendBadLrc();
    await error;
    error = rig.nextError('incomplete-message');
    simulator.sendHalfMessage();
    await error;
    const next = rig.nextCard();
    await simulator.present('6011111111111117', 'tap');
    expect((await next).brand).toBe('discover');
    expect(rig.cards).toHaveLength(1);
  });

  it('gives up after 3 resends when the pad goes silent, and works again when it answers', async () => {
    rig = await startRig('pinpad', { ackTimeoutMs: 60 });
    rig.simulator.goSilent();
    const error = rig.nextError('no-acknowledgement');
    await expect(rig.reader.showAmount(100, 'USD', 2)).rejects.toMatchObject({ problem: { code: 'no-acknowledgement' } });
    await error;
    rig.simulator.goSilent(false);
    const message = rig.simulator.nextMessage();
    await rig.reader.showAmount(100, 'USD', 2);
    expect(await message).toMatchObject({ type: 'show-amount', amountMinor: 100 });
  });

  it('reports an unplug and reconnects after a replug', async () => {
    rig = await startRig('pinpad');
    const lost = rig.nextError('port-lost');
    await rig.simulator.unplug();
    await lost;
    await expect(rig.reader.showAmount(100, 'USD', 2)).rejects.toMatchObject({ problem: { code: 'port-lost' } });
    const back = rig.nextStatus((status) => status.state === 'ready');
    await rig.simulator.replug();
    await back;
    const next = rig.nextCard();
    await rig.simulator.present('4111111111111111', 'insert');
    expect((await next).entryMode).toBe('inserted');
  });
});

describe('bad input floods on a pty', () => {
  it.each([
    ['magstripe', 'oversized-message'],
    ['pinpad', 'line-noise'],
  ] as const)('%s: a megabyte of garbage is %s, bounded, then a card reads', async (protocol, code) => {
    rig = await startRig(protocol);
    const error = rig.nextError(code);
    rig.simulator.sendGarbage(1_000_000, 11);
    await error;
    const next = rig.nextCard(10_000);
    await rig.simulator.present('4111111111111111', 'swipe');
    expect((await next).maskedPan).toBe('•••• 1111');
    expect(rig.cards).toHaveLength(1);
    expect(rig.statuses.filter((status) => status.state === 'error').length).toBeLessThan(100);
  });
});

describe('port listing and training mode', () => {
  it('lists the OS serial ports without failing', async () => {
    const ports = await listPorts(serialportBinding());
    expect(Array.isArray(ports)).toBe(true);
    for (const port of ports) expect(typeof port.path).toBe('string');
  });

  it('training reader: the button path goes through the serial line and the real driver', async () => {
    const training = await startTrainingReader('pinpad');
    const store = new SensitiveCardStore();
    const reader = new CardReader({ binding: serialportBinding(), store, settings: training.settings });
    try {
      const ready = new Promise<void>((resolve) => reader.on('status', (status) => status.state === 'ready' && resolve()));
      reader.start();
      await ready;
      const card = new Promise<CardRead>((resolve) => reader.on('card', resolve));
      await training.present('5555555555554444', 'tap');
      expect(await card).toMatchObject({ entryMode: 'tapped', brand: 'mastercard', maskedPan: '•••• 4444' });
    } finally {
      await reader.stop();
      await training.stop();
      store.wipeAll();
    }
  });
});
