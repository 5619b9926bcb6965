import { Etcd3 } from 'etcd3';
import { launchChromium, screenshot } from './test-support/browser';
import { openConsolePage } from './test-support/console-page';
import { labProfile } from './test-support/lab';
const etcd = new Etcd3({ hosts: labProfile().etcd.endpoints });
const keys: string[] = [];
for (let s = 0; s < 500; s++) for (let i = 0; i < 20; i++) keys.push(`/benchscale${String(s).padStart(3, '0')}_PRE/127.0.0.1-${40000 + i}`);
for (let i = 0; i < keys.length; i += 200) await Promise.all(keys.slice(i, i + 200).map((k) => etcd.put(k).value(`127.0.0.1:${k.split('-').pop()}`)));
const browser = await launchChromium();
const { app, page, close } = await openConsolePage({ browser });
const t0 = Date.now();
await page.goto(`${app.url}#/registry`);
for (let i = 0; i < 12; i++) {
  await new Promise((r) => setTimeout(r, 2500));
  const n = await page.evaluate(() => [document.querySelectorAll('[data-testid="registry-service"]').length, document.querySelectorAll('[data-testid="registry-service"][data-service^="benchscale"]').length, document.querySelector('[data-testid="registry-service"]')?.getAttribute('data-service')]);
  console.log(Date.now() - t0, JSON.stringify(n));
}
await screenshot(page, 'probe-registry-scale');
await close(); await browser.close();
if (process.env.KEEP !== '1') await etcd.delete().prefix('/benchscale');
etcd.close();
