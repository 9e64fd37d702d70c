/**
 * The gateway the terminal talks to right now: the embedded sandbox (started on first use, with its
 * demo credentials) in training mode, or the test/production host with the keychain's credentials
 * for that environment. Clients are rebuilt when the settings or credentials change.
 */
import { randomUUID } from 'node:crypto';
import type { Environment, GatewayCheck, Settings } from '../preload/contract';
import { createGatewayClient, type GatewayClient } from './gateway/client';
import { EnvironmentError, resolveBaseUrl } from './gateway/environments';
import type { SigningCredentials } from './gateway/http-signature';
import type { Timeouts } from './gateway/transport';
import { TerminalError } from './errors';
import type { Logger } from './log';
import { startSandboxGateway, type SandboxGateway } from './sandbox/gateway-server';
import type { CredentialVault } from './secrets/credentials';

export interface GatewayAccessParts {
  settings: () => Settings;
  credentials: CredentialVault;
  logger: Logger;
  clock?: () => Date;
  timeouts?: Timeouts;
  /** PEM of a certificate authority to trust besides the system's (a TLS-inspecting proxy, a test gateway). */
  extraCaPem?: string;
}

export interface GatewayAccess {
  /** A client for the current environment, or a NOT_CONFIGURED error saying what is missing. */
  client(): Promise<{ client: GatewayClient; environment: Environment; baseUrl: string }>;
  /** The embedded sandbox, started on first use. */
  sandbox(): Promise<SandboxGateway>;
  /** Sends one signed request and says whether the gateway accepted the credentials. */
  check(): Promise<GatewayCheck>;
  /** Drops the current client so the next call uses the new settings or credentials. */
  reset(): void;
  close(): Promise<void>;
}

const defaultTimeouts: Timeouts = { connectMs: 5_000, totalMs: 30_000 };

export function createGatewayAccess(parts: GatewayAccessParts): GatewayAccess {
  const clock = parts.clock ?? (() => new Date());
  let sandbox: Promise<SandboxGateway> | undefined;
  let current: Promise<{ client: GatewayClient; environment: Environment; baseUrl: string }> | undefined;

  const startSandbox = () => {
    // Training settles at the store's own cut-off, so "void until the batch settles" holds as the screens say.
    sandbox ??= startSandboxGateway({ clock, settlementCutoff: () => parts.settings().businessDay }).then((started) => {
      parts.logger.log('info', 'embedded sandbox gateway started', { baseUrl: started.baseUrl });
      return started;
    });
    return sandbox;
  };

  const connect = async () => {
    const settings = parts.settings();
    const { environment } = settings;
    let baseUrl: string;
    let credentials: SigningCredentials | undefined;
    if (environment === 'sandbox') {
      const running = await startSandbox();
      baseUrl = running.baseUrl;
      credentials = running.credentials;
    } else {
      try {
        baseUrl = resolveBaseUrl({ environment, hostFamily: settings.hostFamily, customBaseUrl: settings.customBaseUrl || undefined });
      } catch (error) {
        if (error instanceof EnvironmentError) throw new TerminalError('NOT_CONFIGURED', `gateway address: ${error.message}`);
        throw error;
      }
      credentials = await parts.credentials.load(environment);
    }
    if (!credentials) {
      throw new TerminalError('NOT_CONFIGURED', `no gateway credentials for ${environment}: set the merchant id, key id and shared secret in Settings`);
    }
    const signing = credentials;
    const client = createGatewayClient({
      baseUrl,
      credentials: () => signing,
      clock,
      timeouts: parts.timeouts ?? defaultTimeouts,
      maxAmountMinor: settings.maxAmountMinor,
      ...(parts.extraCaPem === undefined ? {} : { caCertificatePem: parts.extraCaPem }),
    });
    return { client, environment, baseUrl };
  };

  const client = () => {
    current ??= connect().catch((error: unknown) => {
      current = undefined;
      throw error;
    });
    return current;
  };

  return {
    client,
    sandbox: startSandbox,
    async check() {
      const started = clock().getTime();
      const { client: gateway, environment, baseUrl } = await client();
      const lookup = await gateway.getTransaction({ id: `counter-check-${randomUUID()}` });
      const latencyMs = Math.max(0, clock().getTime() - started);
      const result = (verdict: GatewayCheck['verdict'], message: string): GatewayCheck => ({ environment, baseUrl, verdict, message, latencyMs });
      switch (lookup.kind) {
        case 'found':
        case 'invalid-request':
          return result('connected', 'the gateway accepted the credentials');
        case 'authentication-failed':
          return result('rejected', `the gateway refused the credentials (HTTP ${lookup.httpStatus}): check the merchant id, key id and shared secret`);
        case 'unknown-outcome':
          return result('unreachable', `no usable answer from the gateway: ${lookup.message}`);
      }
    },
    reset() {
      const previous = current;
      current = undefined;
      void previous?.then(({ client: old }) => old.close(), () => undefined);
    },
    async close() {
      this.reset();
      await (await sandbox)?.close();
    },
  };
}
