import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain';
import { createAppContext, type AppContext } from '../../app-context';
import { docker, type EngineRef } from '../../../../test-support/docker-cli';
import { labProfile, labProfileText } from '../../../../test-support/lab';

const state = (engine: EngineRef, name: string) => {
  try {
    return docker(engine, 'inspect', '-f', '{{.State.Status}}', name);
  } catch {
    return 'removed';
  }
};

describe('container actions against the lab', () => {
  let context: AppContext;
  let dataDir: string;
  let engine: EngineRef;
  const pre = `actions-pre-${Date.now()}`;
  const prod = `actions-prod-${Date.now()}`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ops-actions-'));
    writeFileSync(join(dataDir, 'connections.yaml'), labProfileText());
    engine = labProfile().docker[1]!; // the TLS engine
    docker(engine, 'run', '-d', '--network', 'host', '--name', pre, '-e', 'ENVIRONMENT=PRE', 'lab/busybox:1', 'sleep', '600');
    docker(engine, 'run', '-d', '--network', 'host', '--name', prod, '-e', 'ENVIRONMENT=PROD', 'lab/busybox:1', 'sleep', '600');
    context = await createAppContext({ host: 'browser', version: 'test', profilePath: join(dataDir, 'connections.yaml'), env: { OPS_CONSOLE_DATA_DIR: dataDir }, checkIntervalMs: 60_000 });
  });
  afterAll(() => {
    for (const name of [pre, prod]) {
      try {
        docker(engine, 'rm', '-f', name);
      } catch {
        // gone
      }
    }
    context?.close();
  });

  const act = (name: string, action: string, extra: Record<string, unknown> = {}) =>
    context.dispatcher.invoke('containers.action', { engine: engine.name, id: name, action, ...extra });

  it.each([
    ['stop', { timeoutSeconds: 1 }, 'exited'],
    ['start', {}, 'running'],
    ['pause', {}, 'paused'],
    ['unpause', {}, 'running'],
    ['restart', { timeoutSeconds: 1 }, 'running'],
    ['kill', { signal: 'SIGKILL' }, 'exited'],
    ['remove', { force: true }, 'removed'],
  ])('%s changes the real container and is audited', async (action, extra, expected) => {
    const reply = await act(pre, action, extra);
    expect(reply).toMatchObject({ ok: true, result: { ok: true, action, stateAfter: expected } });
    expect(state(engine, pre)).toBe(expected);
    const [last] = await context.audit.list(1);
    expect(last).toMatchObject({ engine: engine.name, target: pre, action, result: 'ok', params: expect.objectContaining({ environment: 'PRE', ...extra }) });
  });

  it('refuses a production action without the typed name, does nothing, and audits the refusal', async () => {
    const reply = await act(prod, 'stop', { timeoutSeconds: 1 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(state(engine, prod)).toBe('running');
    const wrong = await act(prod, 'stop', { timeoutSeconds: 1, confirmName: 'prod' });
    expect(wrong.ok).toBe(false);
    expect(state(engine, prod)).toBe('running');
    const [last] = await context.audit.list(1);
    expect(last).toMatchObject({ target: prod, action: 'stop', result: 'error', message: expect.stringMatching(/production/) });
  });

  it('performs a production action with the typed name', async () => {
    const reply = await act(prod, 'stop', { timeoutSeconds: 1, confirmName: prod });
    expect(reply).toMatchObject({ ok: true, result: { stateAfter: 'exited' } });
    expect(state(engine, prod)).toBe('exited');
  });

  it('keeps the audit log as JSON lines with time, OS user, engine, target, action, parameters and result', () => {
    const lines = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['time', 'user', 'engine', 'target', 'action', 'params', 'result']));
      expect(Date.parse(line.time)).not.toBeNaN();
    }
  });

  it('answers an action on a missing container with NOT_FOUND and an unknown action with BAD_REQUEST', async () => {
    expect(await act('no-such-container-xyz', 'stop')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await act(prod, 'explode')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
