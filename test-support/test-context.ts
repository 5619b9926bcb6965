import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext, type AppContext } from '../src/main/app-context';
import { labProfileText } from './lab';

/**
 * An app context as the console builds it, from the given profile text (default: the
 * lab's own profile), with its own data directory so audit logs never mix between tests.
 */
export async function testContext(profileText = labProfileText(), env: NodeJS.ProcessEnv = {}, options: { checkIntervalMs?: number } = {}): Promise<AppContext & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-test-'));
  writeFileSync(join(dir, 'connections.yaml'), profileText);
  const context = await createAppContext({
    host: 'browser',
    version: 'test',
    profilePath: join(dir, 'connections.yaml'),
    env: { OPS_CONSOLE_DATA_DIR: dir, ...env },
    checkIntervalMs: options.checkIntervalMs ?? 60_000,
  });
  return Object.assign(context, { dir });
}
