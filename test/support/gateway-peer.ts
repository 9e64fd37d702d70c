/**
 * The gateway client pointed at a freshly started sandbox gateway over real HTTPS on loopback.
 */
import { randomUUID } from 'node:crypto';
import { createGatewayClient, type GatewayClient, type GatewayClientOptions } from '../../main/gateway/client';
import type { GatewayOutcome } from '../../main/gateway/outcomes';
import { startSandboxGateway, type SandboxGateway, type SandboxGatewayOptions } from '../../main/sandbox/gateway-server';

export interface GatewayPeer {
  sandbox: SandboxGateway;
  client: GatewayClient;
  /** A client on the same sandbox with other options (timeouts, credentials…); closed with the peer. */
  clientWith(overrides: Partial<GatewayClientOptions>): GatewayClient;
  close(): Promise<void>;
}

/** `options` go to the sandbox; its `clock` also signs the client's requests. */
export async function startGatewayPeer(options: Omit<SandboxGatewayOptions, 'tls'> = {}): Promise<GatewayPeer> {
  const sandbox = await startSandboxGateway({ ...options, tls: true });
  const clients: GatewayClient[] = [];
  const clientWith = (overrides: Partial<GatewayClientOptions>): GatewayClient => {
    const client = createGatewayClient({
      baseUrl: sandbox.baseUrl,
      credentials: () => sandbox.credentials,
      timeouts: { connectMs: 2_000, totalMs: 5_000 },
      ...(options.clock !== undefined ? { clock: options.clock } : {}),
      ...(sandbox.caCertificatePem === undefined ? {} : { caCertificatePem: sandbox.caCertificatePem }),
      ...overrides,
    });
    clients.push(client);
    return client;
  };
  const client = clientWith({});
  return {
    sandbox,
    client,
    clientWith,
    async close() {
      for (const each of clients) each.close();
      await sandbox.close();
    },
  };
}

/** A fresh order reference with a transactionId unique to this attempt. */
export function attempt(code = 'ORDER'): { code: string; transactionId: string } {
  return { code, transactionId: randomUUID().replaceAll('-', '').slice(0, 32) };
}

/** Narrows an outcome for the assertions that follow, failing with the whole outcome otherwise. */
export function expectKind<K extends GatewayOutcome['kind']>(outcome: GatewayOutcome, kind: K): Extract<GatewayOutcome, { kind: K }> {
  if (outcome.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(outcome)}`);
  return outcome as Extract<GatewayOutcome, { kind: K }>;
}
