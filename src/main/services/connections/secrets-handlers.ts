import type { SecretsStatus } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import type { OpenProfile } from '../../config/open-profile';
import { moveSecretsToStore, plainSecretsInProfile, secretSources } from '../../config/profile-secrets';
import { connectionId } from '../../connectors/connectors';
import type { AreaHandlers } from '../../core/handlers';
import type { AuditLog } from '../audit/audit-log';
import type { ConnectionsService } from './connections-service';

/** Shows on the Zabbix and etcd cards where their password or token is kept (never the value). */
export async function noteSecretSources(opened: OpenProfile, connections: ConnectionsService): Promise<void> {
  const { profile, source, secrets } = opened;
  const sources = source === 'file' ? await secretSources(opened.path) : {};
  const where = (field: string) => {
    if (source === 'environment') return 'environment variable';
    if (sources[field] === 'store') return `secret store (${secrets.protection === 'os-keychain' ? 'OS keychain' : '0600 file'})`;
    return 'profile file, plain text';
  };
  if (profile.zabbix) {
    const token = !!profile.zabbix.apiToken;
    if (token || profile.zabbix.password) {
      connections.setNotes(connectionId('zabbix', profile.zabbix.name), token ? { token: where('zabbix.apiToken') } : { password: where('zabbix.password') });
    }
  }
  if (profile.etcd?.password) connections.setNotes(connectionId('etcd', profile.etcd.name), { password: where('etcd.password') });
}

/** Where the profile's secrets are kept, and moving plain-text ones into the store (audited). */
export function secretsHandlers(opened: OpenProfile, connections: ConnectionsService, audit: AuditLog, keychainUnavailable?: string): AreaHandlers<'secrets.status' | 'secrets.protect', never> {
  const { path, secrets } = opened;
  const status = async (): Promise<SecretsStatus> => {
    let stored: string[] = [];
    try {
      stored = secrets.names();
    } catch (err) {
      throw new RpcError('UNAVAILABLE', (err as Error).message);
    }
    return { protection: secrets.protection, keychainUnavailable, file: secrets.file, plainInProfile: await plainSecretsInProfile(path), stored, repaired: secrets.repaired };
  };
  return {
    calls: {
      'secrets.status': () => status(),
      'secrets.protect': async () => {
        const moved = await moveSecretsToStore(path, secrets);
        await noteSecretSources(opened, connections);
        const message = moved.length ? `Moved ${moved.join(', ')} from ${path} to ${secrets.file}` : 'No plain-text secret in the profile';
        await audit.record({ target: path, action: 'protect-secrets', params: { fields: moved.join(', '), store: secrets.file, protection: secrets.protection }, result: 'ok', message });
        return status();
      },
    },
    streams: {},
  };
}
