import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../main/log';

describe('redact', () => {
  it.each([
    ['card 4111111111111111 approved', 'card •••• 1111 approved'],
    ['card 4111 1111 1111 1111', 'card •••• 1111'],
    ['amex 3782-822463-10005', 'amex •••• 0005'],
    [';4111111111111111=25121010000000000000?', ';•••• 1111=•••• 0000?'],
  ])('masks card numbers in %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('leaves short numbers such as amounts and ids alone', () => {
    expect(redact('amount 10221 order 123456789012')).toBe('amount 10221 order 123456789012');
  });
});

describe('logger', () => {
  it('never writes a registered secret or a full card number', () => {
    const lines: string[] = [];
    const logger = createLogger((line) => lines.push(line), () => new Date('2026-01-02T03:04:05Z'));
    logger.addSecret('c2VjcmV0LWtleQ==');
    logger.log('error', 'signing failed', { secret: 'c2VjcmV0LWtleQ==', pan: '5555555555554444' });
    expect(lines).toEqual([
      '{"time":"2026-01-02T03:04:05.000Z","level":"error","message":"signing failed","secret":"[secret]","pan":"•••• 4444"}\n',
    ]);
  });
});
