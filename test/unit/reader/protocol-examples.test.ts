/**
 * The worked examples in docs/reader-protocol.md, byte for byte, so the page cannot drift from the code.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cardFromReaderMessage } from '../../../main/reader/card-read';
import { encodeFrame } from '../../../main/reader/frame-codec';
import { track1Lrc, track2Lrc } from '../../../main/reader/magstripe-tracks';
import { decodeReaderMessage, decodeTerminalMessage, encodeReaderMessage, encodeTerminalMessage } from '../../../main/reader/pinpad-messages';
import { SensitiveCardStore } from '../../../main/reader/sensitive-card-store';
import { readerTestCard, track1Of, track2Of } from '../../../main/sandbox/reader-test-cards';
import { ManualTimers } from './reader-fakes';

const doc = readFileSync(new URL('../../../docs/reader-protocol.md', import.meta.url), 'utf8');
const hex = (frame: Buffer) => frame.toString('hex').toUpperCase().match(/../g)?.join(' ') ?? '';
const visa = readerTestCard('4111111111111111');
const shortTlv = '5A0841111111111111115F24033112315F3401019F26083F1C6E0D2B6A5C119F2701809F360200019F02060000000019999F37049A5B1C2D';

describe('docs/reader-protocol.md examples', () => {
  it.each([
    ['0' + encodeTerminalMessage({ type: 'show-amount', amountMinor: 1999, currency: 'USD', exponent: 2 }), '02 30 53 41 1C 31 39 39 39 1C 55 53 44 1C 32 03 45'],
    ['1' + encodeTerminalMessage({ type: 'request-card', modes: ['swiped', 'inserted', 'tapped'], timeoutSeconds: 60 }), '02 31 52 43 1C 53 49 54 1C 36 30 03 6B'],
    ['2' + encodeTerminalMessage({ type: 'cancel' }), '02 32 43 58 03 2A'],
    ['3' + encodeReaderMessage({ type: 'card-error', code: 'cancelled' }), '02 33 43 45 1C 43 43 1C 03 36'],
  ])('frames %j as documented', (payload, bytes) => {
    expect(hex(encodeFrame(payload))).toBe(bytes);
    expect(doc).toContain(bytes);
  });

  it('frames the swipe and chip examples with the documented LRCs', () => {
    const swipe = encodeFrame('4' + encodeReaderMessage({ type: 'card-data', entryMode: 'swiped', track2: track2Of(visa) }));
    expect(swipe.at(-1)).toBe(0x5f);
    const chip = encodeFrame('5' + encodeReaderMessage({ type: 'card-data', entryMode: 'inserted', emvTags: shortTlv }));
    expect(chip.at(-1)).toBe(0x0f);
    expect(doc).toContain(shortTlv.slice(0, 20));
  });

  it('reads the chip example as documented', () => {
    const message = decodeReaderMessage(`CD\x1cI\x1c\x1c\x1c${shortTlv}`);
    expect(message.ok).toBe(true);
    if (!message.ok || message.value.type !== 'card-data') return;
    const timers = new ManualTimers();
    const store = new SensitiveCardStore({ timers });
    const read = cardFromReaderMessage(message.value, { store, clock: timers.clock });
    expect(read.ok && read.value).toMatchObject({ entryMode: 'inserted', maskedPan: '•••• 1111', brand: 'visa', expiry: { month: 12, year: 2031 } });
    if (!read.ok) return;
    const emvTags = store.take(read.value.handle)?.emvTags ?? '';
    expect(emvTags).toBe('5F3401019F26083F1C6E0D2B6A5C119F2701809F360200019F02060000000019999F37049A5B1C2D');
    expect(doc).toContain(emvTags);
  });

  it('has the documented track LRCs and round-trips terminal messages', () => {
    expect(track1Lrc(track1Of(visa))).toBe('/');
    expect(track2Lrc(track2Of(visa))).toBe('<');
    expect(doc).toContain(track1Of(visa) + ';' + track2Of(visa).slice(1));
    expect(decodeTerminalMessage('RC\x1cSIT\x1c60')).toEqual({ ok: true, value: { type: 'request-card', modes: ['swiped', 'inserted', 'tapped'], timeoutSeconds: 60 } });
    expect(decodeTerminalMessage('RC\x1c\x1c60').ok).toBe(false);
  });
});
