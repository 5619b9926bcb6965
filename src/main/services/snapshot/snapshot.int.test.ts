import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotEvent } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/wire';
import type { AppContext } from '../../app-context';
import { docker } from '../../../../test-support/docker-cli';
import { labProfile } from '../../../../test-support/lab';
import { testContext } from '../../../../test-support/test-context';

const SECRET = 'planted-s3cret-9f1c';
const stamp = Date.now().toString(36);
const NAME = `snap_web_${stamp}_1`;

describe('incident snapshot', () => {
  let context: AppContext;
  const engine = () => labProfile().docker[0]!;
  let started: number;

  beforeAll(async () => {
    context = await testContext();
    context.timeline.start();
    started = Date.now() - 2000;
    docker(engine(), 'run', '-d', '--network', 'host', '--name', NAME, '-e', `DB_PASSWORD=${SECRET}`, '-e', 'ENVIRONMENT=PRE',
      '--label', `com.docker.compose.project=snap${stamp}`, '--label', 'com.docker.compose.service=web',
      'lab/busybox:1', 'sh', '-c', `echo "connecting with password=${SECRET}"; echo "INFO ready"; echo "ERROR boom" >&2; sleep 600`);
    await new Promise((r) => setTimeout(r, 1500));
    docker(engine(), 'kill', NAME);
    await new Promise((r) => setTimeout(r, 1500));
  });
  afterAll(() => {
    docker(engine(), 'rm', '-f', NAME);
    context?.close();
  });

  it('bundles every part, masks the planted secret, and its index page opens', async () => {
    const events: SnapshotEvent[] = [];
    const end = await new Promise<StreamEvent>((resolve) => {
      context.dispatcher.subscribe('snapshot.export', { from: started, to: Date.now(), services: [{ project: `snap${stamp}`, service: 'web' }] }, (event) => {
        if (event.type === 'data') events.push(...(event.items as SnapshotEvent[]));
        else resolve(event);
      });
    });
    expect(end).toEqual({ type: 'end' });
    const done = events.find((e): e is Extract<SnapshotEvent, { kind: 'done' }> => e.kind === 'done')!;
    const streamed = Buffer.concat(events.filter((e): e is Extract<SnapshotEvent, { kind: 'chunk' }> => e.kind === 'chunk').map((e) => Buffer.from(e.data, 'base64')));
    expect(streamed.length).toBe(done.bytes);
    expect(streamed.equals(readFileSync(done.path))).toBe(true);

    const out = mkdtempSync(join(tmpdir(), 'ops-snap-'));
    writeFileSync(join(out, 'bundle.tar.gz'), streamed);
    execFileSync('tar', ['-xzf', 'bundle.tar.gz'], { cwd: out });
    const root = join(out, readdirSync(out).find((f) => f.startsWith('incident-'))!);
    for (const part of ['index.html', 'timeline.json', 'problems.json', 'registry.json', 'charts.json', `logs/snap${stamp}_web.log`, `containers/${engine().name}/${NAME}.json`]) {
      expect(() => readFileSync(join(root, part)), part).not.toThrow();
    }
    const everything = execFileSync('cat', ['-A'], { input: execFileSync('sh', ['-c', `cat $(find ${root} -type f)`]) }).toString();
    expect(everything).not.toContain(SECRET);
    const log = readFileSync(join(root, `logs/snap${stamp}_web.log`), 'utf8');
    expect(log).toContain('password=••••••');
    expect(log).toContain('ERROR boom');
    const timeline = JSON.parse(readFileSync(join(root, 'timeline.json'), 'utf8')) as Array<{ action: string; container?: { name: string } }>;
    expect(timeline.some((e) => e.action === 'die' && e.container?.name === NAME)).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'registry.json'), 'utf8')).length).toBeGreaterThan(5);
    const inspect = JSON.parse(readFileSync(join(root, `containers/${engine().name}/${NAME}.json`), 'utf8')) as { Config: { Env: string[] } };
    expect(inspect.Config.Env).toContain('DB_PASSWORD=••••••');

    // The index page opens in Chromium.
    const { launchChromium, screenshot } = await import('../../../../test-support/browser');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`file://${join(root, 'index.html')}`);
      expect(await page.locator('h1').innerText()).toBe('Incident snapshot');
      expect(await page.locator('#timeline + table tbody tr').count()).toBeGreaterThan(0);
      await screenshot(page, 'snapshot-index');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
