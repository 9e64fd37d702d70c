import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const runnerPath = 'main/payments/attempt-runner.ts';

/**
 * The client's methods that can move money, read from the `GatewayClient` interface itself so a
 * method added there is covered: those answering with a payment outcome (lookups and searches
 * answer otherwise). The raw `send` can move money too; it is matched on a client-like receiver
 * only (sockets and windows have a `send` of their own).
 */
function moneyMethods(): string[] {
  const source = readFileSync(join(root, 'main/gateway/client.ts'), 'utf8');
  const body = /export interface GatewayClient \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  const methods = [...body.matchAll(/^ {2}(\w+)\([^)]*\): Promise<GatewayOutcome>;/gm)].map((match) => match[1] ?? '');
  return methods.filter((name) => name !== 'send');
}

/** Calls of a money method in `source` (`x.sale(`, `x['sale'](`, `x?.sale(`), with their line numbers. */
function moneyCalls(source: string, methods: string[]): { line: number; text: string }[] {
  const names = methods.join('|');
  const call = new RegExp(`(?:\\??\\.\\s*(?:${names})|\\[\\s*['"\`](?:${names})['"\`]\\s*\\])\\s*\\(|\\b\\w*(?:client|gateway)\\w*\\)?\\s*\\.\\s*send\\s*\\(`, 'i');
  return source
    .split('\n')
    .map((text, index) => ({ line: index + 1, text: text.trim() }))
    .filter(({ text }) => call.test(text));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => relative(root, join(root, dir, name)));
}

describe('one send path for money', () => {
  const methods = moneyMethods();

  it('knows every money method of the gateway client', () => {
    expect(methods).toEqual(
      expect.arrayContaining(['sale', 'authorize', 'capture', 'incrementAuthorization', 'reverseAuthorization', 'voidTransaction', 'refund', 'credit', 'timeoutReversal', 'timeoutVoid']),
    );
    expect(methods).toHaveLength(14);
  });

  it('finds a money call however it is written (so the scan below can fail)', () => {
    const offending = [
      'const outcome = await client.sale(input);',
      "return (await context.gateway()).capture({ paymentId, reference, amount, currency });",
      "await gateway['refund'](input);",
      'client?.timeoutVoid({ reference });',
      'await rawClient.send({ method: "POST", path: "/pts/v2/payments", body });',
    ].join('\n');
    expect(moneyCalls(offending, methods).map((call) => call.line)).toEqual([1, 2, 3, 4, 5]);
    // Sockets, windows and the reader session send too; those are not the gateway.
    expect(moneyCalls('ws.send(JSON.stringify(message));\nwindow.webContents.send(channel, payload);\nawait session.send(frame);', methods)).toEqual([]);
  });

  it('calls the client money methods in one place in main/: the attempt runner, once per method', () => {
    const elsewhere = sourceFiles('main')
      .filter((file) => file !== runnerPath)
      .flatMap((file) => moneyCalls(readFileSync(join(root, file), 'utf8'), methods).map((call) => `${file}:${call.line}: ${call.text}`));
    expect(elsewhere).toEqual([]);

    const inRunner = moneyCalls(readFileSync(join(root, runnerPath), 'utf8'), methods).map((call) => /\.(\w+)\(/.exec(call.text)?.[1]);
    expect(inRunner.sort()).toEqual([...methods].sort());
  });
});
