import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SESSION_LIMITS } from '../../../shared/domain';
import { boundSession } from './session-bounds';
import { SessionStore } from './session-store';

function store(text?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ops-session-'));
  const file = join(dir, 'session.json');
  if (text !== undefined) writeFileSync(file, text);
  const lines: string[] = [];
  return { dir, file, lines, store: new SessionStore(file, { log: (message) => lines.push(message), delayMs: 20 }) };
}

const terminal = { engine: 'lab-a', id: 'abc123', name: 'user_PROD_1', command: ['sh'] };

describe('SessionStore', () => {
  it('is empty, saying nothing, when there is no file yet', async () => {
    const s = store();
    expect(await s.store.get()).toEqual({ values: {}, terminals: [] });
    expect(s.lines).toEqual([]);
  });

  it('reads back what it wrote, after the delay, atomically (no temporary file left)', async () => {
    const s = store();
    await s.store.get();
    s.store.save({ route: '#/logs?project=p&service=s', values: { 'containers.filter': 'user' }, terminals: [terminal] });
    expect(existsSync(s.file)).toBe(false);
    await new Promise((r) => setTimeout(r, 80));
    await s.store.flush();
    const again = new SessionStore(s.file, { log: () => undefined });
    expect(await again.get()).toMatchObject({ route: '#/logs?project=p&service=s', values: { 'containers.filter': 'user' }, terminals: [terminal] });
    expect(readdirSync(s.dir)).toEqual(['session.json']);
  });

  it('folds saves close together into one write of the last', async () => {
    const s = store();
    for (let i = 0; i < 10; i++) s.store.save({ values: { n: i }, terminals: [] });
    await s.store.flush();
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toMatchObject({ values: { n: 9 } });
  });

  it('writes a pending save at exit, synchronously', () => {
    const s = store();
    s.store.save({ route: '#/metrics/charts?host=10084', values: {}, terminals: [] });
    s.store.flushSync();
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toMatchObject({ route: '#/metrics/charts?host=10084' });
  });

  it.each([
    ['not JSON', '{"route": "#/logs", "valu'],
    ['not a session', JSON.stringify({ route: 42, values: [] })],
    ['an unknown field', JSON.stringify({ values: {}, terminals: [], password: 'x' })],
    ['a terminal without an engine', JSON.stringify({ values: {}, terminals: [{ id: 'a', name: 'b' }] })],
    ['JSON null', 'null'],
    ['far too large', JSON.stringify({ values: { big: 'x'.repeat(SESSION_LIMITS.maxChars * 4) }, terminals: [] })],
  ])('gives an empty session and a line in the log for a file that is %s', async (_what, text) => {
    const s = store(text);
    expect(await s.store.get()).toEqual({ values: {}, terminals: [] });
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).toContain('starting with an empty session');
  });

  it('keeps a save made while the file was still being read', async () => {
    const s = store(JSON.stringify({ route: '#/old', values: {}, terminals: [] }));
    const reading = s.store.get();
    s.store.save({ route: '#/new', values: {}, terminals: [] });
    expect((await reading).route).toBe('#/new');
  });
});

describe('boundSession', () => {
  it('drops values too large, keeps at most maxValues and maxTerminals', () => {
    const values: Record<string, unknown> = Object.fromEntries(Array.from({ length: SESSION_LIMITS.maxValues + 10 }, (_, i) => [`k${i}`, i]));
    values.huge = 'x'.repeat(SESSION_LIMITS.maxValueChars + 1);
    const bounded = boundSession({ values, terminals: Array.from({ length: 30 }, () => terminal) });
    expect(Object.keys(bounded.values)).toHaveLength(SESSION_LIMITS.maxValues);
    expect(bounded.values.huge).toBeUndefined();
    expect(bounded.terminals).toHaveLength(SESSION_LIMITS.maxTerminals);
  });

  it('drops the largest values first until the whole fits', () => {
    const limits = { ...SESSION_LIMITS, maxChars: 2000, maxValueChars: 1500 };
    const bounded = boundSession({ values: { small: 'a', big: 'b'.repeat(1400), mid: 'c'.repeat(700) }, terminals: [] }, limits);
    expect(Object.keys(bounded.values).sort()).toEqual(['mid', 'small']);
    expect(JSON.stringify(bounded).length).toBeLessThanOrEqual(2000);
  });

  it('forgets a route that is not a hash route or is too long', () => {
    expect(boundSession({ route: '#/' + 'x'.repeat(SESSION_LIMITS.maxRouteChars), values: {}, terminals: [] }).route).toBeUndefined();
  });
});
