/**
 * Pieces of the gateway's JSON replies shared by the endpoints: timestamps, `_links`, client
 * reference, processor fields, error bodies.
 */
import { createHash, randomInt } from 'node:crypto';
import type { GatewayError } from './gateway-error';
import { isObject, textAt } from './request-fields';

/** `YYYY-MM-DDThh:mm:ssZ`. */
export function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function link(method: 'GET' | 'POST' | 'PATCH', href: string): { method: string; href: string } {
  return { method, href };
}

/**
 * The client reference a request carried: its `code`, else the original transaction's (follow-ons
 * inherit it), else one the sandbox makes up, as the gateway does.
 */
export function clientReferenceOf(body: unknown, now: Date, inherited?: string): { code: string; transactionId?: string } {
  const code = textAt(body, 'clientReferenceInformation.code') ?? inherited ?? String(now.getTime());
  const transactionId = textAt(body, 'clientReferenceInformation.transactionId');
  return transactionId === undefined ? { code } : { code, transactionId };
}

export function clientTransactionIdOf(body: unknown): string | undefined {
  return textAt(body, 'clientReferenceInformation.transactionId');
}

export function digits(count: number): string {
  let text = '';
  while (text.length < count) text += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
  return text.slice(0, count);
}

export function approvalCode(): string {
  return digits(6);
}

/** A payment account reference like the networks' (stable per card, never derived reversibly). */
export function paymentAccountReference(pan: string): string {
  const hash = BigInt(`0x${createHash('sha256').update(`par:${pan}`).digest('hex').slice(0, 24)}`) % 10n ** 25n;
  return `V001${hash.toString().padStart(25, '0')}`;
}

export function terminalIdOf(body: unknown): string {
  return textAt(body, 'pointOfSaleInformation.terminalId') ?? '111111';
}

/** The 400/404/502 body: the gateway's top-level fields, mirrored under `errorInformation`. */
export function errorBody(error: GatewayError, now: Date): Record<string, unknown> {
  const information: Record<string, unknown> = { reason: error.reason, message: error.message };
  if (error.details.length > 0) information.details = error.details;
  return { submitTimeUtc: utcTimestamp(now), status: error.status, ...information, errorInformation: { ...information } };
}

export function requireObject(body: unknown): Record<string, unknown> {
  return isObject(body) ? body : {};
}
