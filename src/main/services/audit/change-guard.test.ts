import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/errors';
import { AuditLog } from './audit-log';
import { ChangeGuard, type Change } from './change-guard';

const guardIn = () => new ChangeGuard(new AuditLog(join(mkdtempSync(join(tmpdir(), 'guard-')), 'audit.jsonl')), () => [' prod ']);
const change = (confirmName?: string): Change => ({
  action: 'stop',
  target: 'user_PROD_1',
  engine: 'e1',
  params: { id: 'abc' },
  ...guardIn().containerConfirmation('user_PROD_1', 'PROD', confirmName),
});

describe('the change guard', () => {
  it('refuses a production change without the typed name, audited, and says what to type', async () => {
    const guard = guardIn();
    let performed = false;
    const refused = await guard.run(change(), async () => (performed = true)).catch((e: unknown) => e);
    expect(performed).toBe(false);
    expect(refused).toBeInstanceOf(RpcError);
    expect((refused as RpcError).code).toBe('FORBIDDEN');
    expect((refused as RpcError).details).toEqual({ needsTypedName: 'user_PROD_1' });
    expect((refused as RpcError).message).toBe('Refused: user_PROD_1 is in production (PROD); type its name to confirm.');
    const [entry] = await guard.audit.list(10);
    expect(entry).toMatchObject({ action: 'stop', target: 'user_PROD_1', engine: 'e1', result: 'error', message: (refused as RpcError).message });
  });

  it('performs with the typed name and audits the result, or the failure', async () => {
    const guard = guardIn();
    expect(await guard.run(change('user_PROD_1'), async () => 42, (n) => `done ${n}`)).toBe(42);
    const failed = await guard.run(change('user_PROD_1'), async () => Promise.reject(new RpcError('CONFLICT', 'busy'))).catch((e: unknown) => e);
    expect((failed as RpcError).code).toBe('CONFLICT');
    const [last, first] = await guard.audit.list(10);
    expect(first).toMatchObject({ result: 'ok', message: 'done 42' });
    expect(last).toMatchObject({ result: 'error', message: 'busy' });
  });

  it('asks nothing outside production (names compared trimmed, case-insensitively)', async () => {
    const guard = guardIn();
    expect(guard.isProduction('PROD')).toBe(true);
    expect(guard.isProduction('PRE')).toBe(false);
    await expect(guard.run({ ...change(), ...guard.containerConfirmation('user_PRE_1', 'PRE', undefined) }, async () => 'ok')).resolves.toBe('ok');
  });
});
