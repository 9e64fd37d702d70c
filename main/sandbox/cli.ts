/**
 * `npm run sandbox -- [--port N] [--tls] [--cutoff HOUR] [--forget-after DAYS]`: the sandbox gateway on 127.0.0.1 for
 * any client (curl, the vendor SDK, another POS). Prints its base URL and the demo credentials.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandboxGateway } from './gateway-server';
import { defaultRetentionBusinessDays } from './transaction-ledger';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      tls: { type: 'boolean', default: false },
      cutoff: { type: 'string' },
      'forget-after': { type: 'string' },
      'ca-file': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run sandbox -- [--port N] [--tls] [--ca-file PATH] [--cutoff HOUR_UTC] [--forget-after BUSINESS_DAYS]');
    return;
  }
  const port = Number.parseInt(values.port, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, not ${values.port}`);
  const cutoff = values.cutoff === undefined ? undefined : Number.parseInt(values.cutoff, 10);
  if (cutoff !== undefined && (!Number.isInteger(cutoff) || cutoff < 0 || cutoff > 23)) throw new Error('--cutoff must be an hour 0–23 (UTC)');
  const forgetAfter = values['forget-after'] === undefined ? undefined : Number(values['forget-after']);
  if (forgetAfter !== undefined && (!Number.isInteger(forgetAfter) || forgetAfter < 1)) throw new Error('--forget-after must be a whole number of business days, 1 or more');

  const sandbox = await startSandboxGateway({
    port,
    tls: values.tls,
    ...(cutoff !== undefined ? { settlementCutoff: { hourUtc: cutoff } } : {}),
    ...(forgetAfter !== undefined ? { forgetAfterBusinessDays: forgetAfter } : {}),
  });
  console.log(`Sandbox gateway listening on ${sandbox.baseUrl}`);
  console.log(`  merchant id:         ${sandbox.credentials.merchantId}`);
  console.log(`  key id:              ${sandbox.credentials.keyId}`);
  console.log(`  shared secret (b64): ${sandbox.credentials.sharedSecretBase64}`);
  if (sandbox.caCertificatePem) {
    const caFile = values['ca-file'] ?? join(tmpdir(), `counter-sandbox-ca-${sandbox.port}.pem`);
    writeFileSync(caFile, sandbox.caCertificatePem, { mode: 0o644 });
    console.log(`  CA certificate:      ${caFile}`);
    console.log(`  (trust it with NODE_EXTRA_CA_CERTS=${caFile}; the vendor SDK uses runEnvironment "localhost:${sandbox.port}")`);
  }
  console.log(`  forgets transactions: ${forgetAfter ?? defaultRetentionBusinessDays} business days after they settle (or are declined, reversed, voided)`);
  console.log('These demo credentials open nothing real. Ctrl+C stops the sandbox.');

  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
