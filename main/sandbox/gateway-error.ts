/**
 * The gateway's refusals: 400 INVALID_REQUEST with a reason and field details, 404, 502.
 *
 * Handlers throw a `GatewayError`; the router turns it into the gateway's JSON and nothing is recorded.
 */
export interface FieldDetail {
  field: string;
  reason: 'MISSING_FIELD' | 'INVALID_DATA';
}

export class GatewayError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string,
    readonly reason: string,
    message: string,
    readonly details: FieldDetail[] = [],
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export function invalidRequest(reason: string, message: string, details: FieldDetail[] = []): GatewayError {
  return new GatewayError(400, 'INVALID_REQUEST', reason, message, details);
}

export function missingField(field: string): GatewayError {
  return invalidRequest('MISSING_FIELD', `Declined - The request is missing one or more fields: ${field}`, [{ field, reason: 'MISSING_FIELD' }]);
}

export function invalidField(field: string, why = ''): GatewayError {
  const suffix = why ? ` (${why})` : '';
  return invalidRequest('INVALID_DATA', `Declined - One or more fields in the request contains invalid data: ${field}${suffix}`, [{ field, reason: 'INVALID_DATA' }]);
}

export function notFound(message: string): GatewayError {
  return new GatewayError(404, 'NOT_FOUND', 'NOT_FOUND', message);
}
