/**
 * Validates and runs one contract call: the single door both Electron IPC and the browser host's
 * WebSocket bridge go through, so neither can have a handler the other lacks.
 */
import {
  contract,
  isChannel,
  type Channel,
  type ChannelArgs,
  type ChannelResult,
  type PosResult,
} from '../../preload/contract';
import { TerminalError, invalidArgument } from '../errors';
import type { Logger } from '../log';
import type { z } from 'zod';

type ParsedArgs<C extends Channel> = z.output<(typeof contract)[C]['args']>;

export type Handlers = {
  [C in Channel]: (args: ParsedArgs<C>) => Promise<ChannelResult<C>> | ChannelResult<C>;
};

export type Dispatch = (channel: string, args: unknown) => Promise<PosResult<unknown>>;

export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, args) => {
    if (!isChannel(channel)) {
      logger.log('warn', 'ipc call on unknown channel', { channel });
      return failure(new TerminalError('UNKNOWN_CHANNEL', `no such channel: ${channel}`));
    }
    try {
      return { ok: true, value: await run(channel, args, handlers) };
    } catch (error) {
      if (error instanceof TerminalError) {
        logger.log('info', 'ipc call refused', { channel, code: error.code, reason: error.message });
        return failure(error);
      }
      logger.log('error', 'ipc handler failed', { channel, error: String(error) });
      return failure(new TerminalError('INTERNAL', `${channel} failed inside the terminal; see the log`));
    }
  };
}

async function run<C extends Channel>(channel: C, args: unknown, handlers: Handlers): Promise<ChannelResult<C>> {
  const spec = contract[channel];
  const parsed = spec.args.safeParse(args);
  if (!parsed.success) throw invalidArgument(parsed.error);
  const handler = handlers[channel] as (args: ChannelArgs<C>) => Promise<ChannelResult<C>> | ChannelResult<C>;
  return spec.result.parse(await handler(parsed.data as ChannelArgs<C>)) as ChannelResult<C>;
}

function failure(error: TerminalError): PosResult<never> {
  return { ok: false, error: error.toPosError() };
}
