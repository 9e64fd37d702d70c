/** Messages on the browser host's WebSocket: the contract's calls and events as JSON. */
import { z } from 'zod';

export const BridgeRequest = z.strictObject({
  id: z.int().nonnegative(),
  channel: z.string().max(100),
  args: z.unknown().optional(),
});
export type BridgeRequest = z.infer<typeof BridgeRequest>;

export type BridgeMessage =
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'event'; event: string; payload: unknown };
