import { describe, expect, it } from 'vitest';
import { cardFromReaderMessage, cardFromSwipeLine } from '../../../main/reader/card-read';
import { brandOf, passesLuhn } from '../../../main/card-number';
import { parseTlv, sensitiveEmvTags } from '../../../main/reader/emv-tlv';
import { pointOfSaleFields } from '../../../main/reader/gateway-fields';
import { keyedCardRead } from '../../../main/reader/keyed-entry';
import { SensitiveCardStore } from '../../../main/reader/sensitive-card-store';
import { emvTagsOf, readerTestCard, readerTestCards, swipeLineOf, track1Of, track2Of } from '../../../main/sandbox/reader-test-cards';
import { ManualTimers } from './reader-fakes';

function context(now = new Date('2026-11-21T12:00:00Z')) {
  const timers = new ManualTimers();
  return { timers, store: new SensitiveCardStore({ timers, ttlMs: 60_000 }), clock: () => now };
}

const expectedBrand: Record<string, string> = {
  '4111111111111111': 'visa',
  '5555555555554444': 'mastercard',
  '2222420000001113': 'mastercard',
  '2222630000001125': 'mastercard',
  '378282246310005': 'amex',
  '6011111111111117': 'discover',
  '3566111111111113': 'jcb',
  '50339619890917': 'maestro',
  '586824160825533338': 'maestro',
  '6759411100000008': 'maestro-uk',
  '6759560045005727054': 'maestro-uk',
  '5641821111166669': 'maestro-uk',
  '135412345678911': 'uatp',
  '4005510000000005': 'visa',
  '5105105105105100': 'mastercard',
  '4222222222222220': 'visa',
  '6011000999900008': 'discover',
};

describe('card reads from the training test cards', () => {
  it.each(readerTestCards.map((card) => [card.pan, card] as const))('swipe %s', (pan, card) => {
    const ctx = context();
    const read = cardFromSwipeLine(swipeLineOf(card, { lrc: true }), ctx);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toMatchObject({ entryMode: 'swiped', maskedPan: `•••• ${pan.slice(-4)}`, brand: expectedBrand[pan], expiry: { month: 12, year: 2031 }, cardholderName: 'JOHN DOE' });
    expect(JSON.stringify(read.value)).not.toContain(pan);
    const sensitive = ctx.store.take(read.value.handle);
    expect(sensitive).toMatchObject({ pan, trackData: track1Of(card) + track2Of(card), entryMode: 'swiped' });
    expect(ctx.store.take(read.value.handle)).toBeUndefined();
  });

  it.each(readerTestCards.flatMap((card) => (['inserted', 'tapped'] as const).map((mode) => [card.pan, mode, card] as const)))('%s %s', (pan, mode, card) => {
    const ctx = context();
    const emvTags = emvTagsOf(card, mode);
    const read = cardFromReaderMessage({ type: 'card-data', entryMode: mode, emvTags }, ctx);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toMatchObject({ entryMode: mode, maskedPan: `•••• ${pan.slice(-4)}`, brand: expectedBrand[pan], cardholderName: 'JOHN DOE' });
    const sensitive = ctx.store.take(read.value.handle);
    expect(sensitive?.trackData).toBe(track2Of(card, { serviceCode: '201' }));
    const tags = parseTlv(Buffer.from(sensitive?.emvTags ?? '', 'hex'));
    expect(tags.ok && tags.value.map((tag) => tag.tag).filter((tag) => sensitiveEmvTags.has(tag))).toEqual([]);
    expect(tags.ok && tags.value.map((tag) => tag.tag)).toContain('9F26');
    expect(sensitive?.emvTags).not.toContain(pan);
  });

  it('derives brands by IIN and checks Luhn', () => {
    for (const [pan, brand] of Object.entries(expectedBrand)) {
      expect(brandOf(pan)).toBe(brand);
      expect(passesLuhn(pan)).toBe(true);
    }
    expect(brandOf('9999999999999995')).toBe('unknown');
    expect(passesLuhn('4111111111111112')).toBe(false);
  });
});

describe('card reads that must not become cards', () => {
  const visa = readerTestCard('4111111111111111');
  it('refuses a bad Luhn digit', () => {
    const ctx = context();
    const read = cardFromSwipeLine(swipeLineOf({ ...visa, pan: '4111111111111112' }), ctx);
    expect(!read.ok && read.problem.code).toBe('bad-luhn');
    expect(ctx.store.size).toBe(0);
  });

  it('refuses an expired card, accepts through the end of its month', () => {
    const card = { ...visa, yymm: '2610' };
    expect(cardFromSwipeLine(swipeLineOf(card), context(new Date('2026-10-31T23:59:59Z'))).ok).toBe(true);
    const late = cardFromSwipeLine(swipeLineOf(card), context(new Date('2026-11-01T00:00:00Z')));
    expect(!late.ok && late.problem).toEqual({ code: 'expired-card', message: 'The card expired at the end of 10/2026' });
  });

  it('refuses tracks that disagree', () => {
    const read = cardFromSwipeLine(track1Of(visa) + track2Of({ ...visa, pan: '5555555555554444' }), context());
    expect(!read.ok && read.problem.code).toBe('track-mismatch');
  });

  it('refuses an impossible expiry month', () => {
    const read = cardFromSwipeLine(track2Of({ ...visa, yymm: '3113' }), context());
    expect(!read.ok && read.problem.code).toBe('malformed-track');
  });

  it('refuses broken TLV', () => {
    const read = cardFromReaderMessage({ type: 'card-data', entryMode: 'inserted', emvTags: '9F2608AABB' }, context());
    expect(!read.ok && read.problem.code).toBe('bad-emv-data');
  });
});

describe('sensitive card store', () => {
  it('gives the data once and wipes it after the timeout', () => {
    const timers = new ManualTimers();
    const store = new SensitiveCardStore({ timers, ttlMs: 1000 });
    const data = { entryMode: 'keyed' as const, pan: '4111111111111111', expiry: { month: 12, year: 2031 }, cvn: '123' };
    const first = store.put(data);
    const second = store.put(data);
    expect(first).not.toBe(second);
    expect(store.take(first)).toEqual(data);
    expect(store.take(first)).toBeUndefined();
    timers.advance(999);
    expect(store.has(second)).toBe(true);
    timers.advance(1);
    expect(store.has(second)).toBe(false);
    expect(store.take(second)).toBeUndefined();
    expect(timers.count).toBe(0);
  });
});

describe('keyed entry', () => {
  it('turns keyed PAN / expiry / CVN into a keyed CardRead with the CVN only in the store', () => {
    const ctx = context();
    const read = keyedCardRead({ pan: '4111 1111 1111 1111', expiryMonth: 12, expiryYear: 2031, cvn: '123' }, ctx);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toMatchObject({ entryMode: 'keyed', maskedPan: '•••• 1111', brand: 'visa', expiry: { month: 12, year: 2031 } });
    expect(JSON.stringify(read.value)).not.toMatch(/123|4111111111111111/);
    const sensitive = ctx.store.take(read.value.handle);
    expect(sensitive).toMatchObject({ pan: '4111111111111111', cvn: '123' });
    expect(pointOfSaleFields(sensitive ?? { entryMode: 'keyed', pan: '', expiry: { month: 1, year: 2000 } }, undefined)).toEqual({ entryMode: 'keyed', terminalCapability: 3 });
  });

  it.each([
    [{ pan: '4111111111111112', expiryMonth: 12, expiryYear: 31 }, 'bad-luhn'],
    [{ pan: '4111111111111111', expiryMonth: 1, expiryYear: 2020 }, 'expired-card'],
    [{ pan: '4111111111111111', expiryMonth: 13, expiryYear: 2031 }, 'invalid-keyed-card'],
    [{ pan: '378282246310005', expiryMonth: 12, expiryYear: 2031, cvn: '123' }, 'invalid-keyed-card'],
    [{ pan: 'abc', expiryMonth: 12, expiryYear: 2031 }, 'invalid-keyed-card'],
    ['nonsense', 'invalid-keyed-card'],
  ])('refuses %j', (input, code) => {
    const read = keyedCardRead(input, context());
    expect(!read.ok && read.problem.code).toBe(code);
    if (!read.ok) expect(read.problem.message).not.toMatch(/4111|3782|123/);
  });
});

describe('gateway fields', () => {
  it('maps entry modes and capabilities', () => {
    const base = { pan: '4111111111111111', expiry: { month: 12, year: 2031 } };
    expect(pointOfSaleFields({ ...base, entryMode: 'swiped', trackData: ';x?' }, 'magstripe')).toEqual({ entryMode: 'swiped', terminalCapability: 2, trackData: ';x?' });
    expect(pointOfSaleFields({ ...base, entryMode: 'inserted', trackData: ';x?', emvTags: '9F2701' }, 'pinpad')).toEqual({
      entryMode: 'contact',
      terminalCapability: 4,
      trackData: ';x?',
      emv: { tags: '9F2701' },
    });
    expect(pointOfSaleFields({ ...base, entryMode: 'tapped', emvTags: '9F2701' }, 'pinpad').entryMode).toBe('contactless');
  });
});
