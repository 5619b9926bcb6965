import { spawnSync } from 'node:child_process';
import { PORTS } from '../scripts/lab/paths';
import { PLATFORM_HOST } from '../scripts/lab/zabbix-provision';
import { zabbixApi } from './zabbix-api';

/**
 * A Zabbix trigger of a test's own service, made as the lab's are for its demo services: a
 * trapper item on the lab's platform host and a High trigger tagged with the service's app and
 * env. The test plays the monitoring agent (the lab's feeder does this for the demo services
 * only) and sends the item's value with zabbix_sender; the real Zabbix server raises the problem.
 */
export class ServiceTrigger {
  private itemid?: string;
  readonly itemKey: string;
  readonly description: string;

  constructor(
    readonly app: string,
    readonly environment: string,
  ) {
    this.itemKey = `test.replicas[${app}_${environment}]`;
    this.description = `${app}_${environment} has no live replica (test)`;
  }

  /** Creates the item and its trigger (live replicas < 1); Zabbix's cache takes it in within ~10 s. */
  async create(): Promise<void> {
    const [host] = await zabbixApi<Array<{ hostid: string }>>('host.get', { filter: { host: [PLATFORM_HOST] }, output: ['hostid'] });
    if (!host) throw new Error(`the lab's Zabbix has no host ${PLATFORM_HOST}`);
    const item = await zabbixApi<{ itemids: string[] }>('item.create', { hostid: host.hostid, key_: this.itemKey, name: `Live replicas of ${this.app}_${this.environment}`, type: 2, value_type: 3 });
    this.itemid = item.itemids[0];
    await zabbixApi('trigger.create', {
      description: this.description,
      expression: `last(/${PLATFORM_HOST}/${this.itemKey})<1`,
      priority: 4,
      manual_close: 1,
      tags: [
        { tag: 'app', value: this.app },
        { tag: 'env', value: this.environment },
      ],
    });
  }

  /** Sends one value as the monitoring agent would; true when the server processed it. */
  send(value: number): boolean {
    const run = spawnSync('zabbix_sender', ['-z', '127.0.0.1', '-p', String(PORTS.zabbixServer), '-s', PLATFORM_HOST, '-k', this.itemKey, '-o', String(value)], { encoding: 'utf8' });
    return /processed: 1;/.test(run.stdout);
  }

  /** Open problems of the trigger, as Zabbix holds them. */
  async problems(): Promise<Array<{ eventid: string; name: string }>> {
    return zabbixApi('problem.get', { output: ['eventid', 'name'], search: { name: this.description } });
  }

  /** Removes the item (its trigger and problems go with it). */
  async remove(): Promise<void> {
    if (this.itemid) await zabbixApi('item.delete', [this.itemid]).catch(() => undefined);
  }
}
