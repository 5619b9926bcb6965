import { z } from 'zod';

export const SnapshotEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('progress'), message: z.string() }),
  /** The archive (tar.gz), base64, in order. */
  z.object({ kind: z.literal('chunk'), data: z.string() }),
  z.object({ kind: z.literal('done'), path: z.string(), bytes: z.number(), files: z.array(z.string()), fileName: z.string() }),
]);
export type SnapshotEvent = z.infer<typeof SnapshotEventSchema>;
