import { z } from 'zod';
import { RpcErrorSchema } from '../errors';

export const ZabbixSeveritySchema = z.number().int().min(0).max(5);

export const ZabbixProblemSchema = z.object({
  eventid: z.string(),
  objectid: z.string(),
  name: z.string(),
  severity: ZabbixSeveritySchema,
  clock: z.number(),
  acknowledged: z.boolean(),
  acknowledges: z.array(z.object({ clock: z.number(), message: z.string(), user: z.string() })),
  tags: z.array(z.object({ tag: z.string(), value: z.string() })),
  hosts: z.array(z.object({ hostid: z.string(), host: z.string(), name: z.string() })),
  /** Docker engines the affected hosts map to. */
  engines: z.array(z.string()),
  suppressed: z.boolean(),
});
export type ZabbixProblem = z.infer<typeof ZabbixProblemSchema>;

export const ZabbixProblemsEventSchema = z.object({
  at: z.number(),
  problems: z.array(ZabbixProblemSchema),
  error: RpcErrorSchema.optional(),
});
export type ZabbixProblemsEvent = z.infer<typeof ZabbixProblemsEventSchema>;

export const ZabbixItemSchema = z.object({
  itemid: z.string(),
  hostid: z.string(),
  name: z.string(),
  key: z.string(),
  units: z.string(),
  valueType: z.number(),
  lastValue: z.string().optional(),
  lastClock: z.number().optional(),
  delay: z.string(),
});
export type ZabbixItem = z.infer<typeof ZabbixItemSchema>;

export const ZabbixHostSchema = z.object({
  hostid: z.string(),
  host: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  interfaces: z.array(z.string()),
  /** The Docker engine this host is, if any (by setting, name or address). */
  engine: z.string().optional(),
  matchedBy: z.enum(['setting', 'name', 'address']).optional(),
  problems: z.number(),
  items: z.array(ZabbixItemSchema),
});
export type ZabbixHost = z.infer<typeof ZabbixHostSchema>;

export const ZabbixSeriesSchema = z.object({
  itemid: z.string(),
  name: z.string(),
  units: z.string(),
  source: z.enum(['history', 'trends']),
  /** [time ms, value] pairs; null values mark gaps (no data for more than three intervals). */
  points: z.array(z.tuple([z.number(), z.number().nullable()])),
});
export type ZabbixSeries = z.infer<typeof ZabbixSeriesSchema>;
