import { describe, expect, it } from 'vitest';
import { parseSwipeLine, track1Lrc, track2Lrc, displayName } from '../../../main/reader/magstripe-tracks';

const t1 = '%B4111111111111111^DOE/JOHN^31121010000000000000000000000000?';
const t2 = ';4111111111111111=31121010000000000000?';

describe('ISO/IEC 7813 swipe lines', () => {
  const good: [string, string, { t1?: string; t2?: string; pan: string; name?: string }][] = [
    ['both tracks', t1 + t2, { t1, t2, pan: '4111111111111111', name: 'DOE/JOHN' }],
    ['track 1 only', t1, { t1, pan: '4111111111111111', name: 'DOE/JOHN' }],
    ['track 2 only', t2, { t2, pan: '4111111111111111' }],
    ['both tracks with LRCs', t1 + track1Lrc(t1) + t2 + track2Lrc(t2), { t1, t2, pan: '4111111111111111' }],
    ['track 2 with LRC', t2 + track2Lrc(t2), { t2, pan: '4111111111111111' }],
    // The CyberSource field example (name padded with a space).
    [
      'gateway trackData example',
      '%B4111111111111111^SMITH/JOHN ^1612101976110000868000000?;4111111111111111=16121019761186800000?',
      { pan: '4111111111111111', name: 'SMITH/JOHN' },
    ],
    ['Amex 15 digits', '%B378282246310005^DOE/JANE^3112101000000?;378282246310005=31121010000000?', { pan: '378282246310005' }],
    ['19-digit Maestro', ';6759560045005727054=311210110000000000?', { pan: '6759560045005727054' }],
    ['MagTek unreadable track 1, good track 2', `%E?${t2}`, { t2, pan: '4111111111111111' }],
    ['reader without sentinels, track 2', '4111111111111111=31121010000000000000', { t2, pan: '4111111111111111' }],
    ['reader without sentinels, track 1', 'B4111111111111111^DOE/JOHN^31121010000000000000000000000000', { t1, pan: '4111111111111111' }],
  ];

  it.each(good)('parses %s', (_name, line, expected) => {
    const parsed = parseSwipeLine(line);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { track1, track2 } = parsed.value;
    expect(track1?.pan ?? track2?.pan).toBe(expected.pan);
    if (expected.t1) expect(track1?.raw).toBe(expected.t1);
    if (expected.t2) expect(track2?.raw).toBe(expected.t2);
    if (expected.name) expect(track1?.name).toBe(expected.name);
  });

  const bad: [string, string, string][] = [
    ['empty', '', 'truncated-track'],
    ['track 1 without end sentinel', t1.slice(0, 40), 'truncated-track'],
    ['track 2 without end sentinel', ';4111111111111111=3112', 'truncated-track'],
    ['track 1 cut before expiry', '%B4111111111111111^DOE/JOHN^31?', 'truncated-track'],
    ['track 2 cut before service code', ';4111111111111111=3112?', 'truncated-track'],
    ['track 1 cut before the name', '%B4111111111111111?', 'truncated-track'],
    ['track 1 wrong format code', '%A4111111111111111^DOE/JOHN^3112101?', 'malformed-track'],
    ['letters in track 2 PAN', ';41111111X1111111=31121010000?', 'malformed-track'],
    ['track 2 bad LRC', `${t2}${String.fromCharCode(track2Lrc(t2).charCodeAt(0) ^ 1)}`, 'bad-track-lrc'],
    ['track 1 bad LRC', `${t1}!${t2}`, 'bad-track-lrc'],
    ['junk after track 2', `${t2}xyz`, 'malformed-track'],
    ['no sentinel, no shape', 'hello world', 'malformed-track'],
    ['both tracks unreadable', '%E?;E?', 'unreadable-track'],
    ['track 2 too long', `;4111111111111111=3112101${'0'.repeat(30)}?`, 'malformed-track'],
  ];

  it.each(bad)('rejects %s', (_name, line, code) => {
    const parsed = parseSwipeLine(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem.code).toBe(code);
      expect(parsed.problem.message).not.toMatch(/\d{12}/);
    }
  });

  it('computes LRCs over the 6-bit and 4-bit character sets', () => {
    // Track 2 ";1=1?" → 0xB ^ 1 ^ 0xD ^ 1 ^ 0xF = 0x9 → '9'.
    expect(track2Lrc(';1=1?')).toBe('9');
    // Track 1 "%B1?" → 0x05 ^ 0x22 ^ 0x11 ^ 0x1F = 0x29 → 'I'.
    expect(track1Lrc('%B1?')).toBe('I');
  });

  it('turns the stripe name around', () => {
    expect(displayName('DOE/JOHN')).toBe('JOHN DOE');
    expect(displayName('DOE/JOHN Q.MR')).toBe('JOHN Q DOE');
    expect(displayName('CARDHOLDER')).toBe('CARDHOLDER');
    expect(displayName('/')).toBeUndefined();
  });
});
