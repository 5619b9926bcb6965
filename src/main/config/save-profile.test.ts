import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile } from './load-profile';
import { saveLogRulesToProfile } from './save-profile';

const rule = { id: 'r1', name: 'Timeouts', pattern: 'timeout after \\d+ms', ignoreCase: false, scope: { kind: 'service', service: 'user_PROD' }, threshold: 5, windowSeconds: 60, severity: 'error' };

describe('log alert rules in the profile file', () => {
  it('are written beside the connections, keeping the file\'s comments, and read back by the profile loader', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ops-profile-')), 'connections.yaml');
    writeFileSync(file, '# my hosts\ndocker:\n  - name: e1 # the first one\n    host: unix:///var/run/docker.sock\n');
    await saveLogRulesToProfile(file, [rule]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# my hosts');
    expect(text).toContain('# the first one');
    const profile = parseProfile(text, file);
    expect(profile.docker[0]!.name).toBe('e1');
    expect(profile.logRules).toEqual([rule]);

    await saveLogRulesToProfile(file, []);
    expect(parseProfile(readFileSync(file, 'utf8'), file).logRules).toBeUndefined();
  });
});
