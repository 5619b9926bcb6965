import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LogRulesSchema, type LogRule } from '../../../shared/domain';
import { saveLogRulesToProfile } from '../../config/save-profile';

/**
 * The log alert rules. Kept in the profile file (`logRules:`, beside the connections, so
 * they travel with it) when the console runs from one; a console whose profile came from the
 * environment alone keeps them in log-rules.json in the data directory. A damaged or missing
 * list is no rules, never a crash.
 */
export class LogRulesStore {
  private rules: LogRule[];
  private loaded?: Promise<void>;

  /**
   * @param where the profile file (rules read from it at start: `initial`), or a JSON file in the data directory.
   */
  constructor(private readonly where: { profile: string; initial?: LogRule[] } | { file: string }) {
    this.rules = 'profile' in where ? (where.initial ?? []) : [];
  }

  get file(): string {
    return 'profile' in this.where ? this.where.profile : this.where.file;
  }

  async load(): Promise<LogRule[]> {
    if ('profile' in this.where) return this.rules;
    this.loaded ??= readFile(this.where.file, 'utf8')
      .then((text) => {
        const parsed = LogRulesSchema.safeParse(JSON.parse(text));
        if (parsed.success) this.rules = parsed.data;
      })
      .catch(() => undefined);
    await this.loaded;
    return this.rules;
  }

  current(): LogRule[] {
    return this.rules;
  }

  async save(rules: LogRule[]): Promise<LogRule[]> {
    await this.load();
    if ('profile' in this.where) await saveLogRulesToProfile(this.where.profile, rules);
    else {
      await mkdir(dirname(this.where.file), { recursive: true, mode: 0o700 });
      await writeFile(this.where.file, JSON.stringify(rules, null, 2), { mode: 0o600 });
    }
    this.rules = rules;
    return rules;
  }
}
