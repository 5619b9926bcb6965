import { readFile, writeFile } from 'node:fs/promises';
import { DEFAULT_NOTIFICATION_RULES, NotificationRulesSchema, type Incident, type IncidentNotification, type IncidentSeverity, type NotificationRules, type WatchView } from '../../../shared/domain';
import { isProductionEnvironment } from '../../../shared/production';

const RANK: Record<IncidentSeverity, number> = { warning: 1, error: 2, critical: 3 };
/** A window that connects this soon after a notification still gets it. */
const REPLAY_MS = 30_000;

/** Whether an incident passes the rules now (environment, severity, not snoozed). */
export function shouldNotify(incident: Incident, rules: NotificationRules, productionEnvironments: readonly string[], now: number): boolean {
  if (incident.state !== 'open' || RANK[incident.severity] < RANK[rules.minSeverity]) return false;
  if (incident.service && (rules.snoozed[incident.service] ?? 0) > now) return false;
  if (rules.environments === 'all') return true;
  // An incident with no environment (a lost connection) concerns everything.
  if (!incident.environment) return true;
  if (rules.environments === 'production') return isProductionEnvironment(incident.environment, productionEnvironments);
  return isProductionEnvironment(incident.environment, rules.environments);
}

/**
 * Turns the watch's views into notifications: an incident that is new, or got worse, and
 * passes the rules. Incidents already open when the console starts are shown, not notified.
 * The rules are kept in the data directory.
 */
export class Notifier {
  private rules: NotificationRules = DEFAULT_NOTIFICATION_RULES;
  private readonly notified = new Map<string, IncidentSeverity>();
  private primed = false;
  private readonly listeners = new Set<(notification: IncidentNotification) => void>();
  /** The last few, for a window that (re)connects just after (it dedupes by the incident as tag). */
  private recent: IncidentNotification[] = [];
  private loaded?: Promise<void>;

  constructor(
    private readonly file: string,
    private readonly productionEnvironments: () => readonly string[],
  ) {}

  load(): Promise<void> {
    this.loaded ??= readFile(this.file, 'utf8')
      .then((text) => {
        const parsed = NotificationRulesSchema.safeParse(JSON.parse(text));
        if (parsed.success) this.rules = parsed.data;
      })
      .catch(() => undefined);
    return this.loaded;
  }

  async getRules(): Promise<NotificationRules> {
    await this.load();
    return this.rules;
  }

  async setRules(rules: NotificationRules): Promise<NotificationRules> {
    await this.load();
    this.rules = { ...rules, snoozed: Object.fromEntries(Object.entries(rules.snoozed).filter(([, until]) => until > Date.now())) };
    await writeFile(this.file, JSON.stringify(this.rules, null, 2), { mode: 0o600 });
    return this.rules;
  }

  async snooze(service: string, minutes: number): Promise<NotificationRules> {
    const rules = await this.getRules();
    return this.setRules({ ...rules, snoozed: { ...rules.snoozed, [service]: Date.now() + minutes * 60_000 } });
  }

  /** Each notification from now on, and those of the last REPLAY_MS at once. */
  onNotification(listener: (notification: IncidentNotification) => void): () => void {
    for (const notification of this.recent.filter((n) => Date.now() - n.at < REPLAY_MS)) listener(notification);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with every view of the watch. */
  onView(view: WatchView): void {
    const now = view.at;
    for (const incident of view.incidents) {
      if (incident.state !== 'open') continue;
      const before = this.notified.get(incident.id);
      if (before && RANK[before] >= RANK[incident.severity]) continue;
      this.notified.set(incident.id, incident.severity);
      if (!this.primed || !shouldNotify(incident, this.rules, this.productionEnvironments(), now)) continue;
      const notification: IncidentNotification = {
        incident: incident.id,
        at: now,
        severity: incident.severity,
        title: incident.title,
        body: incident.evidence.map((e) => e.text).slice(-3).join(' → ').slice(0, 300),
      };
      this.recent = [...this.recent.filter((n) => now - n.at < REPLAY_MS), notification];
      for (const listener of this.listeners) listener(notification);
    }
    this.primed = true;
  }
}
