import { z } from 'zod';

/** What an exec session's stream carries. */
export const ExecEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('started'), session: z.string(), command: z.array(z.string()) }),
  z.object({ kind: z.literal('data'), data: z.string() }),
  /** The process ended (code is its exit code), or the session ended for another reason (message). */
  z.object({ kind: z.literal('exit'), code: z.number().nullable(), message: z.string() }),
]);
export type ExecEvent = z.infer<typeof ExecEventSchema>;
