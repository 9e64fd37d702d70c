/**
 * Faults the sandbox can inject for outage tests and demos.
 *
 * - `latency`: answer after `ms` more milliseconds.
 * - `hang`: never answer (the socket stays open until the client gives up or the sandbox closes).
 * - `drop`: destroy the connection once the request has been read, without a response.
 * - `error`: answer with a 5xx (`status`, default 502) and the gateway's SERVER_ERROR body.
 * - `refuse`: the gateway is down: stop listening and destroy open connections until cleared.
 *
 * `processed: true` makes `hang`, `drop` and `error` run the request first (it is recorded, as
 * when a gateway charges the card and the answer is lost), so a timeout reversal finds it.
 * `times` limits a fault to the next N matching requests; `path` (a prefix or a RegExp) and
 * `method` limit which requests it applies to.
 */
export interface FaultScope {
  times?: number;
  path?: string | RegExp;
  method?: string;
}

export type SandboxFault =
  | (FaultScope & { kind: 'latency'; ms: number })
  | (FaultScope & { kind: 'hang'; processed?: boolean })
  | (FaultScope & { kind: 'drop'; processed?: boolean })
  | (FaultScope & { kind: 'error'; status?: number; processed?: boolean })
  | { kind: 'refuse' };

export type RequestFault = Exclude<SandboxFault, { kind: 'refuse' }>;

export class FaultInjector {
  private current: SandboxFault | undefined;
  private remaining = Number.POSITIVE_INFINITY;

  set(fault: SandboxFault): void {
    if (fault.kind === 'error' && fault.status !== undefined && (fault.status < 500 || fault.status > 599)) {
      throw new RangeError('An error fault answers with a 5xx status');
    }
    this.current = fault;
    this.remaining = fault.kind !== 'refuse' && fault.times !== undefined ? fault.times : Number.POSITIVE_INFINITY;
  }

  clear(): void {
    this.current = undefined;
  }

  get refusing(): boolean {
    return this.current?.kind === 'refuse';
  }

  /** The fault that applies to this request, counting it against `times`. */
  take(method: string, pathname: string): RequestFault | undefined {
    const fault = this.current;
    if (!fault || fault.kind === 'refuse') return undefined;
    if (fault.method !== undefined && fault.method.toUpperCase() !== method.toUpperCase()) return undefined;
    if (fault.path !== undefined && !(typeof fault.path === 'string' ? pathname.startsWith(fault.path) : fault.path.test(pathname))) return undefined;
    this.remaining -= 1;
    if (this.remaining <= 0) this.current = undefined;
    return fault;
  }
}
