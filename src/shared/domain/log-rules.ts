import { z } from 'zod';
import { IncidentSeveritySchema } from './watch';

/** Whether a pattern compiles as a JavaScript regular expression (what the main side runs). */
export function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Which running containers a log rule follows: one platform service (app_ENV), one environment, or all. */
export const LogRuleScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('service'), service: z.string().min(1).max(300) }).strict(),
  z.object({ kind: z.literal('environment'), environment: z.string().min(1).max(100) }).strict(),
]);
export type LogRuleScope = z.infer<typeof LogRuleScopeSchema>;

/** A log alert rule: `threshold` lines matching `pattern` within `windowSeconds` in one container raise a signal. */
export const LogRuleSchema = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(100),
    pattern: z.string().min(1).max(500).refine(isValidPattern, { message: 'is not a valid regular expression' }),
    ignoreCase: z.boolean().default(false),
    scope: LogRuleScopeSchema,
    threshold: z.number().int().min(1).max(10_000),
    windowSeconds: z.number().int().min(5).max(3600),
    severity: IncidentSeveritySchema,
  })
  .strict();
export type LogRule = z.infer<typeof LogRuleSchema>;
export type LogRuleInput = z.input<typeof LogRuleSchema>;

export const MAX_LOG_RULES = 50;

export const LogRulesSchema = z
  .array(LogRuleSchema)
  .max(MAX_LOG_RULES)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate rule id "${rule.id}"` });
      seen.add(rule.id);
    });
  });

/** What each rule follows now: containers followed, and those left out over the per-rule limit. */
export const LogRuleStatusSchema = z.object({ rule: z.string(), following: z.number(), skipped: z.number() });
export type LogRuleStatus = z.infer<typeof LogRuleStatusSchema>;

export const LogRulesViewSchema = z.object({
  rules: z.array(LogRuleSchema),
  status: z.array(LogRuleStatusSchema),
  /** How many containers one rule follows at most. */
  limit: z.number(),
});
export type LogRulesView = z.infer<typeof LogRulesViewSchema>;
