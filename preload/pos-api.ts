/**
 * Builds the `window.pos` object from the contract over any transport.
 *
 * The preload builds it over Electron IPC; the renderer builds it over the browser host's
 * WebSocket when no preload exists. Either way the renderer sees the same domain verbs:
 * `pos.settings.update(patch)`, `pos.on('settings.changed', listener)`.
 */
import {
  channelNames,
  type Channel,
  type ChannelArgs,
  type ChannelResult,
  type EventName,
  type EventPayload,
  type PosResult,
} from './contract';

export interface PosTransport {
  invoke(channel: Channel, args: unknown): Promise<PosResult<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

type GroupOf<C> = C extends `${infer G}.${string}` ? G : never;
type VerbOf<C, G extends string> = C extends `${G}.${infer V}` ? V : never;
type Call<C extends Channel> =
  ChannelArgs<C> extends undefined
    ? () => Promise<PosResult<ChannelResult<C>>>
    : (args: ChannelArgs<C>) => Promise<PosResult<ChannelResult<C>>>;

export type PosApi = {
  [G in GroupOf<Channel>]: { [V in VerbOf<Channel, G>]: Call<Extract<`${G}.${V}`, Channel>> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export function createPosApi(transport: PosTransport): PosApi {
  const groups: Record<string, Record<string, (args?: unknown) => Promise<PosResult<unknown>>>> = {};
  for (const channel of channelNames) {
    const [group, verb] = channel.split('.') as [string, string];
    groups[group] ??= {};
    groups[group][verb] = (args?: unknown) => transport.invoke(channel, args);
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  return { ...groups, on } as unknown as PosApi;
}
