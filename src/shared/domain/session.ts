import { z } from 'zod';

/** Bounds of the kept session: enough for every screen's filters, never a large file. */
export const SESSION_LIMITS = {
  /** Values kept by key (`containers.filter` …). */
  maxValues: 300,
  /** One value, as JSON. */
  maxValueChars: 16 * 1024,
  /** The whole session, as JSON. */
  maxChars: 256 * 1024,
  maxTerminals: 20,
  maxRouteChars: 4096,
} as const;

/** A terminal that was open: where, in what, with what command (empty: the default shell). */
export const SessionTerminalSchema = z
  .object({
    engine: z.string().min(1).max(200),
    id: z.string().min(1).max(200),
    name: z.string().min(1).max(300),
    command: z.array(z.string().max(4096)).max(100).optional(),
  })
  .strict();
export type SessionTerminal = z.infer<typeof SessionTerminalSchema>;

/**
 * What the console had open, kept main-side (session.json in the data directory) so a
 * restart, even on a new browser-mode origin, reopens it: the last screen with its query,
 * each screen's filters by key, and the terminals (offered again, never reconnected by itself).
 */
export const SessionSchema = z
  .object({
    /** The hash route, e.g. `#/logs?project=p&service=s`. */
    route: z.string().startsWith('#/').max(SESSION_LIMITS.maxRouteChars).optional(),
    values: z.record(z.string().min(1).max(200), z.unknown()).default({}),
    terminals: z.array(SessionTerminalSchema).max(SESSION_LIMITS.maxTerminals).default([]),
    savedAt: z.number().int().optional(),
  })
  .strict();
export type Session = z.output<typeof SessionSchema>;
