import { z } from 'zod';

export const ScaleStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), engine: z.string(), name: z.string(), number: z.number(), from: z.string(), port: z.number().optional() }),
  z.object({ kind: z.literal('wait-registered'), engine: z.string(), name: z.string() }),
  z.object({ kind: z.literal('deregister'), engine: z.string(), name: z.string(), keys: z.array(z.string()) }),
  z.object({ kind: z.literal('drain'), seconds: z.number() }),
  z.object({ kind: z.literal('stop'), engine: z.string(), name: z.string(), id: z.string(), timeoutSeconds: z.number() }),
  z.object({ kind: z.literal('remove'), engine: z.string(), name: z.string(), id: z.string() }),
  z.object({ kind: z.literal('restart'), engine: z.string(), name: z.string(), id: z.string(), timeoutSeconds: z.number() }),
]);
export type ScaleStep = z.infer<typeof ScaleStepSchema>;

export const ScalePlanSchema = z.object({
  project: z.string(),
  service: z.string(),
  environment: z.string().optional(),
  production: z.boolean(),
  /** Replicas per engine now and after. */
  engines: z.array(z.object({ engine: z.string(), current: z.number(), target: z.number() })),
  steps: z.array(ScaleStepSchema),
});
export type ScalePlan = z.infer<typeof ScalePlanSchema>;

export const ScaleProgressSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan'), plan: ScalePlanSchema }),
  z.object({ kind: z.literal('step'), index: z.number(), state: z.enum(['running', 'done', 'failed', 'skipped']), message: z.string() }),
  z.object({ kind: z.literal('done'), ok: z.boolean(), message: z.string(), done: z.array(z.string()), notDone: z.array(z.string()) }),
]);
export type ScaleProgress = z.infer<typeof ScaleProgressSchema>;
