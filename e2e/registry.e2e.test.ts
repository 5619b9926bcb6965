import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { etcdctl, etcdGetPrefix, etcdPut } from '../test-support/etcdctl';

const STALE = '/search_PRE/127.0.0.1-1';
const ODD = '/e2eodd_PRE/127.0.0.1-2';
const BINARY = '/e2eodd_PRE/127.0.0.1-3';
const BIG = '/e2eodd_PRE/127.0.0.1-4';
const RAW = '/e2e/raw/key';
const PROD_KEY = '/e2eodd_PROD/127.0.0.1-5';


beforeAll(() => {
  etcdctl('put', STALE, '127.0.0.1:1');
  etcdctl('put', ODD, 'not-an-endpoint');
  // A binary value and a 1 MB one, written with etcdctl from stdin.
  etcdPut(BINARY, Buffer.from([0x00, 0xff, 0x10, 0x41, 0x80]));
  etcdPut(BIG, 'x'.repeat(1024 * 1024 - 200));
  etcdctl('put', PROD_KEY, '127.0.0.1:5');
});
afterAll(() => {
  for (const key of [STALE, RAW, PROD_KEY]) etcdctl('del', key);
  etcdctl('del', '--prefix', '/e2eodd_');
});

const ui = useConsolePage();
const instance = (key: string) => ui.page.locator(`[data-testid="registry-instance"][data-key="${key}"]`);

describe('the registry screen', () => {
  it('shows services with a healthy and a stale instance, and odd values flagged safely', async () => {
    await ui.page.goto(`${ui.url}#/registry/services`);
    await instance(STALE).waitFor({ timeout: 20_000 });
    await expect.poll(() => instance(STALE).getAttribute('data-problems'), { timeout: 15_000 }).toContain('stale');
    const healthy = ui.page.locator('[data-testid="registry-instance"][data-state="ok"]').first();
    await healthy.waitFor({ timeout: 15_000 });
    for (const key of [ODD, BINARY, BIG]) await expect.poll(() => instance(key).getAttribute('data-problems'), { timeout: 10_000 }).toContain('odd-value');
    expect((await instance(BIG).innerText()).length).toBeLessThan(5000);
    // Lease TTLs are read once a second: wait for them before the picture.
    await expect.poll(async () => Number((await ui.page.locator('[data-testid="registry-ttl"]:not([data-ttl=""])').first().getAttribute('data-ttl')) ?? 0), { timeout: 10_000 }).toBeGreaterThan(0);
    await ui.page.locator('[data-testid="registry-service"][data-service="search_PRE"]').scrollIntoViewIfNeeded();
    await screenshot(ui.page, 'registry-services');
  });

  it('deregisters an instance through the confirmation, and it is gone from etcd and audited', async () => {
    await ui.page.goto(`${ui.url}#/registry/services`);
    await instance(STALE).locator('[data-testid="instance-deregister"]').click({ timeout: 20_000 });
    await ui.page.locator('[data-testid="registry-confirm-dialog"]').waitFor();
    await ui.page.locator('[data-testid="registry-confirm-ok"]').click();
    await instance(STALE).waitFor({ state: 'detached', timeout: 10_000 });
    expect(etcdGetPrefix(STALE).has(STALE)).toBe(false);
    await ui.page.goto(`${ui.url}#/audit`);
    await ui.page.locator(`[data-testid="audit-row"][data-action="deregister"][data-target="${STALE}"][data-result="ok"]`).waitFor({ timeout: 10_000 });
  });

  it('refuses a production deregistration until the key is typed', async () => {
    await ui.page.goto(`${ui.url}#/registry/services`);
    await instance(PROD_KEY).locator('[data-testid="instance-deregister"]').click({ timeout: 20_000 });
    await ui.page.locator('[data-testid="registry-confirm-dialog"]').waitFor();
    expect(await ui.page.locator('[data-testid="registry-confirm-ok"]').isDisabled()).toBe(true);
    await ui.page.locator('[data-testid="registry-confirm-input"]').fill(PROD_KEY);
    await ui.page.locator('[data-testid="registry-confirm-ok"]').click();
    await instance(PROD_KEY).waitFor({ state: 'detached', timeout: 10_000 });
    expect(etcdGetPrefix(PROD_KEY).has(PROD_KEY)).toBe(false);
  });

  it('puts and deletes a raw key with confirmation, and shows binary values safely', async () => {
    await ui.page.goto(`${ui.url}#/registry/keys`);
    await ui.page.locator('[data-testid="registry-put-key"]').fill(RAW, { timeout: 20_000 });
    await ui.page.locator('[data-testid="registry-put-value"]').fill('{"hello":"world"}');
    await ui.page.locator('[data-testid="registry-put-save"]').click();
    await ui.page.locator('[data-testid="registry-confirm-dialog"]').waitFor();
    await ui.page.locator('[data-testid="registry-confirm-ok"]').click();
    await expect.poll(() => etcdGetPrefix(RAW).get(RAW), { timeout: 10_000 }).toBe('{"hello":"world"}');

    // The put opens the key's folder with the key selected.
    const folder = ui.page.locator('[aria-current="location"]'); // the last breadcrumb: the folder listed
    const value = ui.page.locator('[data-testid="registry-value"]');
    await expect.poll(() => folder.innerText()).toBe('raw');
    await expect.poll(() => value.innerText(), { timeout: 10_000 }).toContain('world');

    // From the root (the breadcrumb) down the tree to the key; read it, delete it through the confirmation.
    const toRoot = async () => {
      await ui.page.locator('[data-testid="registry-crumb"][data-prefix="/"]').click();
      await expect.poll(() => folder.innerText()).toBe('/');
    };
    const openFolder = async (prefix: string, name: string) => {
      await ui.page.locator(`[data-testid="registry-folder"][data-prefix="${prefix}"]`).click({ timeout: 10_000 });
      await expect.poll(() => folder.innerText()).toBe(name);
    };
    await toRoot();
    await openFolder('/e2e/', 'e2e');
    await openFolder('/e2e/raw/', 'raw');
    await ui.page.locator(`[data-testid="registry-key"][data-key="${RAW}"]`).click({ timeout: 10_000 });
    await expect.poll(() => value.innerText(), { timeout: 10_000 }).toContain('world');
    await ui.page.locator('[data-testid="registry-delete"]').click();
    await ui.page.locator('[data-testid="registry-confirm-dialog"]').waitFor();
    await ui.page.locator('[data-testid="registry-confirm-ok"]').click();
    await expect.poll(() => etcdGetPrefix(RAW).has(RAW), { timeout: 10_000 }).toBe(false);

    // A binary value is shown as hex, never as raw bytes.
    await toRoot();
    await openFolder('/e2eodd_PRE/', 'e2eodd_PRE');
    await ui.page.locator(`[data-testid="registry-key"][data-key="${BINARY}"]`).click({ timeout: 10_000 });
    await expect.poll(() => value.getAttribute('data-value-kind'), { timeout: 10_000 }).toBe('binary');
    await expect.poll(() => value.getAttribute('data-kind'), { timeout: 5000 }).toBe('hex');
    expect(await value.innerText()).toMatch(/00 ff 10 41 80/i);
    await screenshot(ui.page, 'registry-keys-binary');
    await ui.page.goto(`${ui.url}#/audit`);
    await ui.page.locator(`[data-testid="audit-row"][data-action="delete"][data-target="${RAW}"][data-result="ok"]`).waitFor({ timeout: 10_000 });
  });

  it('previews the confd upstream for a service, live', async () => {
    await ui.page.goto(`${ui.url}#/registry/confd`);
    const output = ui.page.locator('[data-testid="confd-output"]');
    await expect.poll(() => output.innerText(), { timeout: 20_000 }).toContain('server 127.0.0.1:');
    etcdctl('put', '/search_PRE/127.0.0.1-9', '127.0.0.1:9');
    try {
      await ui.page.locator('[data-testid="confd-template"]').fill('upstream search_PRE {\n{{- range getvs "/search_PRE/*"}}\n    server {{.}};\n{{- end}}\n}\n');
      await expect.poll(() => output.innerText(), { timeout: 10_000 }).toContain('server 127.0.0.1:9;');
      etcdctl('del', '/search_PRE/127.0.0.1-9');
      await ui.page.locator('[data-testid="confd-change"][data-kind="removed"]').first().waitFor({ timeout: 10_000 });
      await screenshot(ui.page, 'registry-confd');
    } finally {
      etcdctl('del', '/search_PRE/127.0.0.1-9');
    }
  });
});
