import { z } from 'zod';
import { IncidentSeveritySchema } from './watch';

/** Which incidents raise a notification: their environments, a minimum severity, and services snoozed until a time. */
export const NotificationRulesSchema = z.object({
  /** 'production': the profile's production environments (quiet for the rest); 'all'; or a list of names. */
  environments: z.union([z.literal('production'), z.literal('all'), z.array(z.string().max(100)).max(50)]),
  minSeverity: IncidentSeveritySchema,
  /** service (app_ENV) -> ms since the epoch until which it is quiet. */
  snoozed: z.record(z.string().max(300), z.number()),
});
export type NotificationRules = z.infer<typeof NotificationRulesSchema>;

export const DEFAULT_NOTIFICATION_RULES: NotificationRules = { environments: 'production', minSeverity: 'error', snoozed: {} };

/** A notification the console raises for a new (or worse) incident. Never carries a secret: titles and evidence only. */
export const IncidentNotificationSchema = z.object({
  incident: z.string(),
  at: z.number(),
  severity: IncidentSeveritySchema,
  title: z.string(),
  body: z.string(),
});
export type IncidentNotification = z.infer<typeof IncidentNotificationSchema>;
