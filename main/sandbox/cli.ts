/**
 * `npm run sandbox -- [--port N] [--tls] [--cutoff HOUR] [--time-zone ZONE] [--forget-after DAYS]`: the sandbox
 * gateway on 127.0.0.1 for any client (curl, the vendor SDK, another POS). Prints its base URL and the
 * demo credentials. The daily batch settles at HOUR (default 0) on ZONE's clock (default UTC).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BusinessDaySettings } from '../../preload/contract';
import type { BusinessDayRule } from '../business-day';
import { startSandboxGateway } from './gateway-server';
import { defaultRetentionBusinessDays, utcMidnight } from './transaction-ledger';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      tls: { type: 'boolean', default: false },
      cutoff: { type: 'string' },
      'forget-after': { type: 'string' },
      'time-zone': { type: 'string' },
      'ca-file': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run sandbox -- [--port N] [--tls] [--ca-file PATH] [--cutoff HOUR] [--time-zone ZONE] [--forget-after BUSINESS_DAYS]');
    return;
  }
  const port = Number.parseInt(values.port, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, not ${values.port}`);
  const settlementCutoff = settlementRuleOf(values.cutoff, values['time-zone']);
  const forgetAfter = values['forget-after'] === undefined ? undefined : Number(values['forget-after']);
  if (forgetAfter !== undefined && (!Number.isInteger(forgetAfter) || forgetAfter < 1)) throw new Error('--forget-after must be a whole number of business days, 1 or more');

  const sandbox = await startSandboxGateway({ port, tls: values.tls, settlementCutoff, ...(forgetAfter !== undefined ? { forgetAfterBusinessDays: forgetAfter } : {}) });
  console.log(`Sandbox gateway listening on ${sandbox.baseUrl}`);
  console.log(`  merchant id:         ${sandbox.credentials.merchantId}`);
  console.log(`  key id:              ${sandbox.credentials.keyId}`);
  console.log(`  shared secret (b64): ${sandbox.credentials.sharedSecretBase64}`);
  console.log(`  batch settles at:    ${String(settlementCutoff.cutoffHour).padStart(2, '0')}:00 ${settlementCutoff.timeZone}`);
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

/** The business day the batch settles at: `--cutoff` hour (0–23) on `--time-zone`'s clock (an IANA zone), checked as the settings are. */
function settlementRuleOf(cutoff: string | undefined, timeZone: string | undefined): BusinessDayRule {
  const rule = BusinessDaySettings.safeParse({
    timeZone: timeZone ?? utcMidnight.timeZone,
    cutoffHour: cutoff === undefined ? utcMidnight.cutoffHour : /^\d+$/.test(cutoff) ? Number(cutoff) : Number.NaN,
  });
  if (rule.success) return rule.data;
  const [issue] = rule.error.issues;
  const option = issue?.path[0] === 'timeZone' ? '--time-zone' : '--cutoff';
  throw new Error(`${option} ${issue?.message ?? 'is not valid'} (got ${option === '--time-zone' ? timeZone : cutoff})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
