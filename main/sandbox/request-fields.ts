/**
 * Reading fields out of an untrusted JSON body by their flattened gateway path
 * (`orderInformation.amountDetails.totalAmount`), the way the gateway names them in errors.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fieldAt(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const key of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A string field; numbers are accepted and read as their decimal text; empty strings count as absent. */
export function textAt(body: unknown, path: string): string | undefined {
  const value = fieldAt(body, path);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  return value.trim() === '' ? undefined : value;
}

/** `true` or `"true"` (the guide's examples send both). */
export function flagAt(body: unknown, path: string): boolean | undefined {
  const value = fieldAt(body, path);
  if (value === true || value === 'true' || value === 'TRUE') return true;
  if (value === false || value === 'false' || value === 'FALSE') return false;
  return undefined;
}

export function listAt(body: unknown, path: string): string[] {
  const value = fieldAt(body, path);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
