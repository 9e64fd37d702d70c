/**
 * Card numbers out of keyed fields, track data and EMV tags; Luhn and brand detection.
 */
import { describe, expect, it } from 'vitest';
import { passesLuhn } from '../../../main/card-number';
import { brandOf, testCards } from '../../../main/sandbox/card-catalog';
import { cardFromEmvTags, cardFromTrackData, cardOfRequest, parseTlv } from '../../../main/sandbox/card-source';
import { GatewayError } from '../../../main/sandbox/gateway-error';

describe('sandbox card sources', () => {
  it('reads Track 1 and Track 2', () => {
    expect(cardFromTrackData('%B4111111111111111^SMITH/JOHN ^1612101976110000868000000?')).toEqual({ pan: '4111111111111111', expirationYear: 2016, expirationMonth: 12, source: 'track1' });
    expect(cardFromTrackData(';4111111111111111=31121019761186800000?')).toEqual({ pan: '4111111111111111', expirationYear: 2031, expirationMonth: 12, source: 'track2' });
    expect(cardFromTrackData('5555555555554444=2901')).toMatchObject({ pan: '5555555555554444', expirationYear: 2029, expirationMonth: 1 });
    expect(cardFromTrackData('garbage')).toBeUndefined();
  });

  it('reads EMV tags, including inside constructed templates', () => {
    expect(cardFromEmvTags('5A0841111111111111115F2403311231')).toEqual({ pan: '4111111111111111', expirationYear: 2031, expirationMonth: 12, source: 'emv' });
    expect(cardFromEmvTags('70105A0855555555555544445F2403291231')).toMatchObject({ pan: '5555555555554444' });
    expect(cardFromEmvTags('5A08378282246310005F')).toMatchObject({ pan: '378282246310005' });
    expect(cardFromEmvTags('57115555555555554444D31122011143878089')).toMatchObject({ pan: '5555555555554444', expirationYear: 2031, expirationMonth: 12 });
    expect(cardFromEmvTags('5A08411111')).toBeUndefined();
    expect(cardFromEmvTags('not hex')).toBeUndefined();
    expect(parseTlv('9F02060000000012509F2701808A023030').get('9F02')).toBe('000000001250');
  });

  it('reads keyed cards and network tokens, and names the bad field', () => {
    expect(cardOfRequest({ paymentInformation: { card: { number: '4111 1111 1111 1111', expirationMonth: '1', expirationYear: '2031' } } })).toEqual({
      pan: '4111111111111111',
      source: 'keyed',
      expirationMonth: 1,
      expirationYear: 2031,
    });
    expect(cardOfRequest({ paymentInformation: { tokenizedCard: { number: '4111111111111111' } } })).toMatchObject({ source: 'network-token' });
    expect(cardOfRequest({})).toBeUndefined();
    const problem = (body: unknown) => {
      try {
        cardOfRequest(body);
      } catch (error) {
        return error instanceof GatewayError ? error.details[0]?.field : 'other';
      }
      return undefined;
    };
    expect(problem({ paymentInformation: { card: { number: '4111xxxxxxxxxxxx' } } })).toBe('paymentInformation.card.number');
    expect(problem({ paymentInformation: { card: { number: '4111111111111111', expirationMonth: '13' } } })).toBe('paymentInformation.card.expirationMonth');
    expect(problem({ paymentInformation: { card: { number: '4111111111111111', expirationYear: '31' } } })).toBe('paymentInformation.card.expirationYear');
  });

  it('checks Luhn and knows every catalogued card’s brand', () => {
    for (const card of testCards) {
      expect(passesLuhn(card.number), card.number).toBe(true);
      expect(brandOf(card.number)).toEqual(card.brand);
    }
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('41111111111')).toBe(false);
    expect(brandOf('4242424242424242')?.type).toBe('001');
    expect(brandOf('2720990000000007')?.type).toBe('002');
    expect(brandOf('6500000000000002')?.type).toBe('004');
    expect(brandOf('9999999999999995')).toBeUndefined();
  });
});
