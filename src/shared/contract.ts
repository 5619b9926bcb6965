import { z } from 'zod';
import {
  AppInfoSchema,
  ConnectionStatusSchema,
  EngineContainersSchema,
} from './domain';

const NoInput = z.object({}).strict().default({});

/**
 * Every call the renderer can make, defined once. The main side validates every input
 * against these schemas, whatever the transport.
 */
export const calls = {
  'app.info': { input: NoInput, output: AppInfoSchema },
  'connections.list': { input: NoInput, output: z.array(ConnectionStatusSchema) },
  'connections.check': {
    input: z.object({ id: z.string().min(1).optional() }).strict().default({}),
    output: z.array(ConnectionStatusSchema),
  },
  'containers.list': {
    input: z
      .object({ engines: z.array(z.string().min(1)).max(100).optional(), all: z.boolean().default(true) })
      .strict()
      .default({ all: true }),
    output: z.array(EngineContainersSchema),
  },
} as const;

/** Every stream: its subscription input and the items it carries (delivered in batches). */
export const streams = {
  /** Each connection's status, first all of them, then every change. */
  'connections.status': { input: NoInput, item: ConnectionStatusSchema },
} as const;

export type Calls = typeof calls;
export type Streams = typeof streams;
export type CallName = keyof Calls;
export type StreamName = keyof Streams;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;
export type StreamInput<N extends StreamName> = z.input<Streams[N]['input']>;
export type StreamParsedInput<N extends StreamName> = z.output<Streams[N]['input']>;
export type StreamItem<N extends StreamName> = z.output<Streams[N]['item']>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}
export function isStreamName(name: string): name is StreamName {
  return Object.prototype.hasOwnProperty.call(streams, name);
}
