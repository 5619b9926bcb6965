import { RpcError, type RpcErrorData } from '../../shared/errors';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EACCES', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Turns anything thrown below into the error shape that crosses the boundary. Known
 * RpcErrors pass through (connectors map their system's own errors, e.g. Docker's HTTP
 * statuses, before they get here); system errors get a readable message and a code;
 * unknown errors are reported as INTERNAL without a stack trace.
 */
export function toRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  const err = error as { code?: unknown; message?: unknown };
  const message = typeof err?.message === 'string' && err.message ? err.message : String(error);
  const sysCode = typeof err?.code === 'string' ? err.code : undefined;
  if (sysCode && UNREACHABLE.has(sysCode)) return new RpcError('UNAVAILABLE', message, { cause: sysCode });
  if (sysCode === 'ETIMEDOUT') return new RpcError('TIMEOUT', message);
  return new RpcError('INTERNAL', message);
}

export function toErrorData(error: unknown): RpcErrorData {
  return toRpcError(error).toData();
}
