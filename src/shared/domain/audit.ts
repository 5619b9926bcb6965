import { z } from 'zod';

export const AuditEntrySchema = z.object({
  time: z.string(),
  user: z.string(),
  engine: z.string().optional(),
  target: z.string(),
  action: z.string(),
  params: z.record(z.string(), z.unknown()),
  result: z.enum(['ok', 'error']),
  message: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
