/** The shape of one row of the IPC contract, shared by the contract and its channel groups. */
import type { z } from 'zod';

export interface ChannelSpec {
  args: z.ZodType;
  result: z.ZodType;
}

export type ChannelTable = Record<string, ChannelSpec>;
