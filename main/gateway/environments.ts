/**
 * Where requests go: the embedded sandbox, or the gateway's test or production hosts for either
 * host family the developer guide names, or an operator-supplied URL.
 */
export type GatewayEnvironment = 'sandbox' | 'test' | 'production';
export type HostFamily = 'cybersource' | 'visaacceptance';

export interface EnvironmentChoice {
  environment: GatewayEnvironment;
  hostFamily: HostFamily;
  /** Overrides test/production, e.g. a proxy in front of the gateway. */
  customBaseUrl?: string;
  /** The running sandbox's URL, known only once it has started. */
  sandboxBaseUrl?: string;
}

const hosts: Record<Exclude<GatewayEnvironment, 'sandbox'>, Record<HostFamily, string>> = {
  test: { cybersource: 'https://apitest.cybersource.com', visaacceptance: 'https://apitest.visaacceptance.com' },
  production: { cybersource: 'https://api.cybersource.com', visaacceptance: 'https://api.visaacceptance.com' },
};

export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/** The base URL without a trailing slash, or an `EnvironmentError` saying what is wrong. */
export function resolveBaseUrl(choice: EnvironmentChoice): string {
  if (choice.environment === 'sandbox') {
    if (choice.sandboxBaseUrl === undefined) throw new EnvironmentError('the sandbox gateway has not started: no sandbox base URL');
    return checkedBaseUrl(choice.sandboxBaseUrl, { loopbackOnly: true });
  }
  if (choice.customBaseUrl !== undefined) return checkedBaseUrl(choice.customBaseUrl, { loopbackOnly: false });
  return hosts[choice.environment][choice.hostFamily];
}

/**
 * A base URL the client can sign for: http(s), no credentials, query or fragment. Plain http is
 * allowed only to loopback, since card data must never cross a network in clear.
 */
export function checkedBaseUrl(text: string, options: { loopbackOnly: boolean }): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EnvironmentError(`not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EnvironmentError(`unsupported scheme ${url.protocol} (use https)`);
  if (url.username !== '' || url.password !== '') throw new EnvironmentError('the base URL must not carry credentials');
  if (url.search !== '' || url.hash !== '') throw new EnvironmentError('the base URL must not have a query or fragment');
  const loopback = isLoopbackHost(url.hostname);
  if (options.loopbackOnly && !loopback) throw new EnvironmentError(`the sandbox runs on loopback only, not ${url.hostname}`);
  if (url.protocol === 'http:' && !loopback) throw new EnvironmentError('plain http is allowed only to 127.0.0.1 / localhost');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
