import { GRPCDeadlineExceededError, GRPCUnavailableError } from 'etcd3';
import { RpcError } from '../../../shared/errors';
import { toRpcError } from '../../core/errors';

/**
 * etcd3's errors as the console's: a member that cannot be reached (the link dropped, the
 * connection refused) is UNAVAILABLE, a call past its deadline is TIMEOUT; the rest as usual.
 */
export function toEtcdRpcError(error: unknown): RpcError {
  if (error instanceof GRPCUnavailableError) return new RpcError('UNAVAILABLE', error.message);
  if (error instanceof GRPCDeadlineExceededError) return new RpcError('TIMEOUT', error.message);
  return toRpcError(error);
}

/** Whether an etcd error says the revision asked for was compacted away. */
export function isCompactedError(error: unknown): boolean {
  return /compacted/i.test(String((error as Error | undefined)?.message ?? error));
}
