import { RpcError } from '../../../shared/errors';
import type { AreaHandlers } from '../../core/handlers';
import { watchPreview } from '../confd/confd-preview';
import type { RegistryService } from './registry-service';

/** The etcd registry's calls; without a configured etcd each says so (UNAVAILABLE). */
export function registryHandlers(
  registry: RegistryService | undefined,
): AreaHandlers<
  'registry.get' | 'registry.put' | 'registry.delete' | 'registry.deregister' | 'registry.revokeLease' | 'etcd.members',
  'registry.keys' | 'registry.view' | 'confd.preview'
> {
  const need = () => {
    if (!registry) throw new RpcError('UNAVAILABLE', 'No etcd registry is configured (add etcd to the profile, or set ETCDCTL_ENDPOINTS).');
    return registry;
  };
  return {
    calls: {
      'registry.get': ({ key }) => need().get(key),
      'registry.put': ({ key, value, confirmName }) => need().put(key, value, confirmName),
      'registry.delete': ({ key, confirmName }) => need().delete(key, confirmName, 'delete'),
      'registry.deregister': ({ key, confirmName }) => need().delete(key, confirmName, 'deregister'),
      'registry.revokeLease': ({ lease, confirmName }) => need().revokeLease(lease, confirmName),
      'etcd.members': () => need().members(),
    },
    streams: {
      'registry.keys': (_input, sink) => need().store.subscribe((event) => sink.push(event)),
      'registry.view': (_input, sink) => need().watchView((view) => sink.push(view)),
      'confd.preview': (input, sink) => watchPreview(need().store, input, (preview) => sink.push(preview)),
    },
  };
}
