import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LogRulesSchema, type LogRule } from '../../../shared/domain';

/**
 * The log alert rules, kept as JSON in the data directory beside notifications.json (the
 * profile may come from the environment alone, and is the engineer's own file). A damaged
 * or missing file is no rules, never a crash.
 */
export class LogRulesStore {
  private rules: LogRule[] = [];
  private loaded?: Promise<void>;

  constructor(readonly file: string) {}

  async load(): Promise<LogRule[]> {
    this.loaded ??= readFile(this.file, 'utf8')
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
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFile(this.file, JSON.stringify(rules, null, 2), { mode: 0o600 });
    this.rules = rules;
    return rules;
  }
}
