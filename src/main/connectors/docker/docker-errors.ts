import { RpcError } from '../../../shared/errors';
import { toRpcError } from '../../core/errors';

/**
 * Docker's HTTP answers as the console's error codes. 304 (already in that state) is a
 * CONFLICT carrying `status: 304`, which callers may treat as success.
 */
export function dockerError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  const err = error as { message?: unknown; statusCode?: unknown; json?: unknown };
  if (typeof err?.statusCode !== 'number') return toRpcError(error);
  const status = err.statusCode;
  const detail = dockerMessage(err.json) ?? (typeof err.message === 'string' && err.message ? err.message : `Docker answered ${status}`);
  if (status === 404) return new RpcError('NOT_FOUND', detail, { status });
  if (status === 409 || status === 304) return new RpcError('CONFLICT', detail, { status });
  if (status === 400) return new RpcError('BAD_REQUEST', detail, { status });
  if (status === 401 || status === 403) return new RpcError('FORBIDDEN', detail, { status });
  return new RpcError('UNAVAILABLE', detail, { status });
}

/** True for Docker's "already in the asked-for state" (304). */
export function isAlreadyDone(error: unknown): boolean {
  return (dockerError(error).details as { status?: number } | undefined)?.status === 304;
}

function dockerMessage(json: unknown): string | undefined {
  if (json && typeof json === 'object' && 'message' in json && typeof json.message === 'string') return json.message;
  return undefined;
}
