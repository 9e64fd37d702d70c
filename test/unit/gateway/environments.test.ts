import { describe, expect, it } from 'vitest';
import { EnvironmentError, resolveBaseUrl, type EnvironmentChoice } from '../../../main/gateway/environments';

describe('resolveBaseUrl', () => {
  it.each<[EnvironmentChoice, string]>([
    [{ environment: 'test', hostFamily: 'cybersource' }, 'https://apitest.cybersource.com'],
    [{ environment: 'production', hostFamily: 'cybersource' }, 'https://api.cybersource.com'],
    [{ environment: 'test', hostFamily: 'visaacceptance' }, 'https://apitest.visaacceptance.com'],
    [{ environment: 'production', hostFamily: 'visaacceptance' }, 'https://api.visaacceptance.com'],
    [{ environment: 'sandbox', hostFamily: 'cybersource', sandboxBaseUrl: 'https://127.0.0.1:4431/' }, 'https://127.0.0.1:4431'],
    [{ environment: 'sandbox', hostFamily: 'cybersource', sandboxBaseUrl: 'http://localhost:8080' }, 'http://localhost:8080'],
    [{ environment: 'test', hostFamily: 'cybersource', customBaseUrl: 'https://proxy.example.com/cybs/' }, 'https://proxy.example.com/cybs'],
  ])('%j → %s', (choice, url) => {
    expect(resolveBaseUrl(choice)).toBe(url);
  });

  it.each<[EnvironmentChoice, RegExp]>([
    [{ environment: 'sandbox', hostFamily: 'cybersource' }, /has not started/],
    [{ environment: 'sandbox', hostFamily: 'cybersource', sandboxBaseUrl: 'https://example.com' }, /loopback only/],
    [{ environment: 'test', hostFamily: 'cybersource', customBaseUrl: 'http://proxy.example.com' }, /plain http/],
    [{ environment: 'test', hostFamily: 'cybersource', customBaseUrl: 'ftp://proxy.example.com' }, /unsupported scheme/],
    [{ environment: 'test', hostFamily: 'cybersource', customBaseUrl: 'https://user:pw@proxy.example.com' }, /credentials/],
    [{ environment: 'test', hostFamily: 'cybersource', customBaseUrl: 'https://proxy.example.com/?a=1' }, /query/],
    [{ environment: 'production', hostFamily: 'cybersource', customBaseUrl: 'not a url' }, /not a URL/],
  ])('%j is refused', (choice, message) => {
    expect(() => resolveBaseUrl(choice)).toThrow(EnvironmentError);
    expect(() => resolveBaseUrl(choice)).toThrow(message);
  });
});
