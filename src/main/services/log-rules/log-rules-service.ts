import type { FleetContainer, LogRule, LogRuleScope, LogRulesView, LogRuleStatus } from '../../../shared/domain';
import type { Connectors } from '../../connectors/connectors';
import type { ChangeGuard } from '../audit/change-guard';
import type { FleetService } from '../fleet/fleet-service';
import type { Signal } from '../watch/incidents';
import { ContainerFollower } from './container-follower';
import { describeWindow, LogAlerts, type FollowedContainer } from './log-alerts';
import type { LogRulesStore } from './log-rules-store';

/** How many containers one rule follows at most (the rest are named in its status). */
export const FOLLOW_LIMIT = 50;

export interface LogRulesDeps {
  connectors: Connectors;
  fleet: FleetService;
  store: LogRulesStore;
  guard: ChangeGuard;
  limit?: number;
  log?: (message: string, error?: unknown) => void;
}

interface Followed {
  follower: ContainerFollower;
  container: FollowedContainer;
  rules: Set<string>;
}

function serviceOf(row: FleetContainer): string | undefined {
  return row.service && row.environment ? `${row.service}_${row.environment}` : undefined;
}

export function inScope(scope: LogRuleScope, row: FleetContainer): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'service') return serviceOf(row) === scope.service;
  return row.environment !== undefined && row.environment.toUpperCase() === scope.environment.toUpperCase();
}

/** One line for the audit: what a rule does. */
export function describeRule(rule: LogRule): string {
  const scope = rule.scope.kind === 'all' ? 'all' : rule.scope.kind === 'service' ? rule.scope.service : `env ${rule.scope.environment}`;
  return `${rule.name}: /${rule.pattern}/${rule.ignoreCase ? 'i' : ''} on ${scope}, ${rule.threshold} in ${describeWindow(rule.windowSeconds)}, ${rule.severity}`;
}

/**
 * Log alert rules at work: follows the logs of the running containers each rule covers (one
 * follow per container, shared by the rules on it; at most `limit` containers per rule),
 * picks up containers that start in scope and drops those that stop (from the fleet's
 * events), and gives the watch its signals. Changing the rules is audited.
 */
export class LogRulesService {
  private readonly alerts = new LogAlerts();
  private readonly followed = new Map<string, Followed>();
  private status: LogRuleStatus[] = [];
  private readonly listeners = new Set<() => void>();
  private stops: Array<() => void> = [];
  private started = false;
  private pending?: NodeJS.Timeout;

  constructor(private readonly deps: LogRulesDeps) {}

  get limit(): number {
    return this.deps.limit ?? FOLLOW_LIMIT;
  }

  async list(): Promise<LogRulesView> {
    const rules = await this.deps.store.load();
    return { rules, status: this.started ? this.status : [], limit: this.limit };
  }

  async set(rules: LogRule[]): Promise<LogRulesView> {
    const before = await this.deps.store.load();
    const names = (list: LogRule[]) => new Map(list.map((r) => [r.id, describeRule(r)]));
    const was = names(before);
    const now = names(rules);
    const added = [...now].filter(([id]) => !was.has(id)).map(([, d]) => d);
    const removed = [...was].filter(([id]) => !now.has(id)).map(([, d]) => d);
    const changed = [...now].filter(([id, d]) => was.has(id) && was.get(id) !== d).map(([, d]) => d);
    await this.deps.guard.run(
      { action: 'log-rules.set', target: 'log alert rules', params: { rules: [...now.values()], added, removed, changed }, production: false, typedName: '', why: '', typeWhat: '' },
      () => this.deps.store.save(rules),
      () => `log alert rules saved (${rules.length}): ${[...added.map((d) => `added ${d}`), ...removed.map((d) => `removed ${d}`), ...changed.map((d) => `changed ${d}`)].join('; ') || 'no change'}`,
    );
    this.alerts.setRules(rules);
    if (this.started) this.reconcile();
    this.changed();
    return this.list();
  }

  /** Starts following (with the watch). */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.deps.store.load().then((rules) => {
      if (!this.started) return;
      this.alerts.setRules(rules);
      this.reconcile();
    });
    this.stops.push(this.deps.fleet.subscribe(() => this.soon()));
  }

  stop(): void {
    this.started = false;
    for (const stop of this.stops) stop();
    this.stops = [];
    clearTimeout(this.pending);
    for (const f of this.followed.values()) f.follower.stop();
    this.followed.clear();
  }

  /** Told when an alert fires or the rules change (the watch then looks at once). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  signals(now: number): Signal[] {
    return this.alerts.signals(now);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private soon(): void {
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      if (this.started) this.reconcile();
    }, 300);
  }

  private rows(): FleetContainer[] {
    const rows: FleetContainer[] = [];
    for (const engine of this.deps.connectors.docker) for (const row of this.deps.fleet.feed(engine.name)?.list() ?? []) if (row.state === 'running') rows.push(row);
    return rows.sort((a, b) => a.engine.localeCompare(b.engine) || a.name.localeCompare(b.name));
  }

  /** Follows what the rules cover now; stops following what they no longer do. */
  private reconcile(): void {
    const rules = this.deps.store.current();
    const rows = this.rows();
    const wanted = new Map<string, { row: FleetContainer; rules: Set<string> }>();
    const status: LogRuleStatus[] = [];
    for (const rule of rules) {
      const matching = rows.filter((row) => inScope(rule.scope, row));
      const taken = matching.slice(0, this.limit);
      for (const row of taken) {
        const key = `${row.engine}/${row.id}`;
        const entry = wanted.get(key) ?? { row, rules: new Set<string>() };
        entry.rules.add(rule.id);
        wanted.set(key, entry);
      }
      status.push({ rule: rule.id, following: taken.length, skipped: matching.length - taken.length });
    }
    this.status = status;
    for (const [key, f] of this.followed) {
      if (wanted.has(key)) continue;
      f.follower.stop();
      this.followed.delete(key);
    }
    for (const [key, { row, rules: ruleIds }] of wanted) {
      const container: FollowedContainer = { engine: row.engine, id: row.id, name: row.name, service: serviceOf(row), environment: row.environment };
      const existing = this.followed.get(key);
      if (existing) {
        existing.rules = ruleIds;
        existing.container = container;
        continue;
      }
      const engine = this.deps.connectors.docker.find((e) => e.name === row.engine);
      if (!engine) continue;
      const entry: Followed = {
        container,
        rules: ruleIds,
        follower: new ContainerFollower(
          engine,
          row.id,
          (text, at) => {
            if (this.alerts.line(entry.container, entry.rules, text, at)) this.changed();
          },
          (error) => this.deps.log?.(`log rules: cannot follow ${row.name} on ${row.engine}`, error),
        ),
      };
      this.followed.set(key, entry);
    }
  }
}
