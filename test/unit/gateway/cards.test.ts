import { describe, expect, it } from 'vitest';
import { passesLuhn } from '../../../main/card-number';
import { cardFromTrackData, isExpired } from '../../../main/gateway/cards';

describe('passesLuhn', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '3566111111111113', '2222420000001113', '6759411100000008'])(
    'accepts the guide test card %s',
    (pan) => expect(passesLuhn(pan)).toBe(true),
  );

  it.each(['4111111111111112', '5555555555554440', '411111111111', '41111111111111111111', '4111-1111-1111-1111', ''])('refuses %j', (pan) =>
    expect(passesLuhn(pan)).toBe(false),
  );
});

describe('isExpired', () => {
  const now = new Date('2026-11-21T14:00:00Z');
  it('is valid through the end of the expiry month', () => {
    expect(isExpired(11, 2026, now)).toBe(false);
    expect(isExpired(12, 2031, now)).toBe(false);
    expect(isExpired(10, 2026, now)).toBe(true);
    expect(isExpired(12, 2025, now)).toBe(true);
  });
});

describe('cardFromTrackData', () => {
  it('reads track 2', () => {
    expect(cardFromTrackData(';4111111111111111=31121019761186800000?')).toEqual({ pan: '4111111111111111', expirationMonth: 12, expirationYear: 2031 });
  });
  it('reads track 1 when there is no track 2', () => {
    expect(cardFromTrackData('%B5555555555554444^SMITH/JOHN ^2908101976110000868000000?')).toEqual({
      pan: '5555555555554444',
      expirationMonth: 8,
      expirationYear: 2029,
    });
  });
  it('says so when neither is there', () => {
    expect(cardFromTrackData('garbage')).toBeUndefined();
  });
});
