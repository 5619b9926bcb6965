import { describe, expect, it } from 'vitest';
import { fleet } from '../src/renderer/features/topology/test-topology';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { dockerPs } from '../test-support/docker-cli';
import { etcdGetPrefix } from '../test-support/etcdctl';
import { labProfile } from '../test-support/lab';

const ui = useConsolePage();
const engine = () => labProfile().docker[0]!;
const preSearch = () => dockerPs(engine()).filter((c) => /^pre_search_\d+$/.test(c.name));


describe('topology and scaling', () => {
  it('draws environments, services, instances, containers and engines, with a list view', async () => {
    await ui.page.goto(`${ui.url}#/topology`);
    await ui.page.locator('[data-testid="topology-graph"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => ui.page.locator('[data-testid="topology-node"][data-kind="engine"]').count(), { timeout: 20_000 }).toBe(2);
    for (const id of ['service:search_PRE', 'service:order_PROD', 'environment:PROD']) await ui.page.locator(`[data-testid="topology-node"][data-id="${id}"]`).waitFor({ timeout: 10_000 });
    await ui.page.waitForTimeout(1000);
    await screenshot(ui.page, 'topology-graph');
    await ui.page.locator('[data-testid="topology-view-toggle"]').click();
    await ui.page.locator('[data-testid="topology-list"]').waitFor();
    expect(await ui.page.locator('[data-testid="topology-list-item"]').count()).toBeGreaterThan(10);
    await ui.page.locator('[data-testid="topology-view-toggle"]').click();
  });

  it('opens a service\'s merged logs from its node', async () => {
    await ui.page.goto(`${ui.url}#/topology`);
    await ui.page.locator('[data-testid="topology-node"][data-id="service:search_PRE"]').click();
    await ui.page.locator('[data-testid="node-panel"][data-id="service:search_PRE"]').waitFor();
    await screenshot(ui.page, 'topology-panel');
    await ui.page.locator('[data-testid="panel-logs"]').click();
    await ui.page.waitForURL(/#\/logs\?project=pre&service=search/);
    const running = preSearch().filter((c) => c.state === 'running').map((c) => c.name);
    expect(running.length, 'running replicas of pre/search').toBeGreaterThan(0);
    await expect.poll(async () => (await ui.page.locator('[data-testid="log-source"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).sort(), { timeout: 15_000 }).toEqual(expect.arrayContaining(running.sort()));
    await expect.poll(() => ui.page.locator('[data-testid="log-line"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it('scales pre/search up by one on an engine and back, from the side panel, with a plan and progress', async () => {
    const before = preSearch().length;
    const keysBefore = etcdGetPrefix('/search_PRE/').size;
    const scaleTo = async (replicas: number) => {
      await ui.page.locator('[data-testid="topology-node"][data-id="service:search_PRE"]').click();
      await ui.page.locator('[data-testid="node-panel"]').waitFor();
      await ui.page.locator('[data-testid="panel-scale"]').click();
      await ui.page.locator('[data-testid="scale-dialog"]').waitFor();
      await ui.page.locator(`[data-testid="scale-engine-input"][data-engine="${engine().name}"]`).fill(String(replicas));
      await ui.page.locator('[data-testid="scale-preview"]').click();
      await ui.page.locator('[data-testid="scale-step"]').first().waitFor({ timeout: 10_000 });
      if (replicas > before) await screenshot(ui.page, 'topology-scale-plan');
      await ui.page.locator('[data-testid="scale-apply"]').click();
      await ui.page.locator('[data-testid="scale-summary"]').waitFor({ timeout: 90_000 });
      expect(await ui.page.locator('[data-testid="scale-summary"]').getAttribute('data-ok')).toBe('true');
    };
    await ui.page.goto(`${ui.url}#/topology`);
    await ui.page.locator('[data-testid="topology-graph"]').waitFor({ timeout: 20_000 });
    await scaleTo(before + 1);
    await screenshot(ui.page, 'topology-scale');
    expect(preSearch().length).toBe(before + 1);
    await expect.poll(() => etcdGetPrefix('/search_PRE/').size, { timeout: 20_000 }).toBe(keysBefore + 1);
    await ui.page.locator('[data-testid="scale-close"]').click();
    await scaleTo(before);
    expect(preSearch().length).toBe(before);
    await expect.poll(() => etcdGetPrefix('/search_PRE/').size, { timeout: 20_000 }).toBe(keysBefore);
    await ui.page.locator('[data-testid="scale-close"]').click();
  }, 240_000);

  it('stays readable for a generated fleet of 20 services x 10 replicas x 8 engines', async () => {
    // Generated, not the lab: the lab has 6 services on 2 engines. The real server's
    // topology stream is replaced by a generated view; everything else is the real console.
    const large = fleet(Array.from({ length: 20 }, (_, i) => `${['search', 'order', 'user', 'pay', 'cart', 'mail', 'auth', 'feed', 'geo', 'img'][i % 10]}_${i < 10 ? 'PROD' : 'PRE'}`), 10, 8, (r) => (r === 7 ? 'error' : 'ok'));
    const big = await ui.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await big.routeWebSocket(/\/rpc$/, (ws) => {
      const server = ws.connectToServer();
      const topologyIds = new Set<string>();
      ws.onMessage((message) => {
        const parsed = JSON.parse(String(message)) as { type: string; id: string; stream?: string };
        if (parsed.type === 'subscribe' && parsed.stream === 'topology.view') topologyIds.add(parsed.id);
        server.send(message);
      });
      server.onMessage((message) => {
        const parsed = JSON.parse(String(message)) as { type: string; id: string };
        ws.send(parsed.type === 'data' && topologyIds.has(parsed.id) ? JSON.stringify({ ...parsed, items: [large] }) : message);
      });
    });
    await big.goto(`${ui.url}#/topology`);
    await expect.poll(() => big.locator('[data-testid="topology-node"][data-kind="engine"]').count(), { timeout: 20_000 }).toBe(8);
    expect(await big.locator('[data-testid="topology-node"][data-kind="replicas"]').count()).toBe(20);
    await big.waitForTimeout(800);
    await screenshot(big, 'topology-large');
    await big.locator('[data-testid="topology-node"][data-id="replicas:search_PROD"]').click();
    await expect.poll(() => big.locator('[data-testid="topology-node"][data-kind="container"]').count(), { timeout: 10_000 }).toBe(10);
    await big.waitForTimeout(800);
    await screenshot(big, 'topology-large-expanded');
    await big.close();
  });
});
