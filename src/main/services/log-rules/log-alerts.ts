import type { LogRule } from '../../../shared/domain';
import type { Signal } from '../watch/incidents';
import { SlidingWindowCounter } from './sliding-window';

/** A container a rule follows, as the watch names it. */
export interface FollowedContainer {
  engine: string;
  id: string;
  name: string;
  /** The platform service, app_ENV. */
  service?: string;
  environment?: string;
}

/** A fired alert stays in the watch's history this long after it resolved, then is forgotten. */
const FORGET_AFTER_MS = 2 * 3600 * 1000;

interface Tally {
  rule: LogRule;
  container: FollowedContainer;
  counter: SlidingWindowCounter;
  lastLine?: string;
  lastAt?: number;
  /** When the threshold was crossed (this episode), and the most matches seen in one window since. */
  firedAt?: number;
  peak: number;
}

/** "1 min", "90 s", "2 min". */
export function describeWindow(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

export function compileRule(rule: Pick<LogRule, 'pattern' | 'ignoreCase'>): RegExp {
  return new RegExp(rule.pattern, rule.ignoreCase ? 'i' : '');
}

/**
 * Counts each rule's matching lines per container in its sliding window (timestamps only),
 * and turns a crossed threshold into a signal of the watch: source 'log', the rule's
 * severity, the container's service, the last matching line, the focus at the last match.
 * The alert holds until a whole window passes without a match.
 */
export class LogAlerts {
  private readonly tallies = new Map<string, Tally>();
  private compiled = new Map<string, RegExp>();
  private rules = new Map<string, LogRule>();

  setRules(rules: readonly LogRule[]): void {
    this.rules = new Map(rules.map((r) => [r.id, r]));
    this.compiled = new Map(rules.map((r) => [r.id, compileRule(r)]));
    // A rule that changed starts counting afresh; a removed rule's alerts go.
    for (const [key, tally] of this.tallies) {
      const now = this.rules.get(tally.rule.id);
      if (!now || JSON.stringify(now) !== JSON.stringify(tally.rule)) this.tallies.delete(key);
    }
  }

  /**
   * One line of a followed container, checked against the rules that follow it.
   * True when an alert fired now (the watch should look at once).
   */
  line(container: FollowedContainer, ruleIds: Iterable<string>, text: string, at: number): boolean {
    let fired = false;
    for (const ruleId of ruleIds) {
      const regex = this.compiled.get(ruleId);
      const rule = this.rules.get(ruleId);
      if (!regex || !rule || !regex.test(text)) continue;
      const key = `${ruleId}|${container.engine}/${container.id}`;
      let tally = this.tallies.get(key);
      if (!tally) {
        tally = { rule, container, counter: new SlidingWindowCounter(rule.windowSeconds * 1000, rule.threshold + 1000), peak: 0 };
        this.tallies.set(key, tally);
      }
      // The last episode resolved (a whole window without a match): a new crossing is a new alert.
      if (tally.firedAt !== undefined && tally.lastAt !== undefined && at >= tally.lastAt + rule.windowSeconds * 1000) tally.firedAt = undefined;
      tally.container = container;
      tally.counter.add(at);
      tally.lastLine = text;
      tally.lastAt = at;
      const count = tally.counter.count(at);
      if (count >= rule.threshold) {
        if (tally.firedAt === undefined) {
          tally.firedAt = at;
          tally.peak = 0;
          fired = true;
        }
        tally.peak = Math.max(tally.peak, count);
      }
    }
    return fired;
  }

  /** The signals now: active alerts, and lately resolved ones (history). */
  signals(now: number): Signal[] {
    const signals: Signal[] = [];
    for (const [key, tally] of this.tallies) {
      const { rule, container } = tally;
      const windowMs = rule.windowSeconds * 1000;
      if (tally.firedAt === undefined || tally.lastAt === undefined) {
        // Never fired: forget a tally whose window is empty.
        if (tally.counter.count(now) === 0) this.tallies.delete(key);
        continue;
      }
      const resolvedAt = tally.lastAt + windowMs;
      const active = now < resolvedAt;
      if (!active && now - resolvedAt > FORGET_AFTER_MS) {
        this.tallies.delete(key);
        continue;
      }
      const ref = { engine: container.engine, id: container.id, name: container.name };
      const line = tally.lastLine ? `: "${tally.lastLine.slice(0, 200)}"` : '';
      signals.push({
        key: `log:${rule.id}:${container.engine}/${container.id}`,
        service: container.service,
        environment: container.environment,
        severity: rule.severity,
        headline: `${rule.name} on ${container.name} (${tally.peak} log lines in ${describeWindow(rule.windowSeconds)})`,
        startedAt: tally.firedAt,
        updatedAt: tally.lastAt,
        active,
        resolvedAt: active ? undefined : resolvedAt,
        evidence: {
          at: tally.lastAt,
          source: 'log',
          text: `${tally.peak} lines matching /${rule.pattern}/${rule.ignoreCase ? 'i' : ''} in ${describeWindow(rule.windowSeconds)} on ${container.name} (${container.engine})${line}`,
          container: ref,
        },
        focus: { container: ref, at: tally.lastAt },
      });
    }
    return signals;
  }
}
