import { RpcError, type RpcErrorData } from '../../shared/errors';

/**
 * Turns anything thrown below into the error shape that crosses the boundary. Known
 * RpcErrors pass through; system errors get a readable message and a code; unknown
 * errors are reported as INTERNAL without a stack trace.
 */
export function toRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  const err = error as { code?: unknown; message?: unknown; statusCode?: unknown; json?: unknown };
  const message = typeof err?.message === 'string' && err.message ? err.message : String(error);
  const sysCode = typeof err?.code === 'string' ? err.code : undefined;
  if (sysCode && ['ECONNREFUSED', 'ENOENT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EACCES', 'ENOTFOUND', 'EAI_AGAIN'].includes(sysCode)) {
    return new RpcError('UNAVAILABLE', message, { cause: sysCode });
  }
  if (sysCode === 'ETIMEDOUT') return new RpcError('TIMEOUT', message);
  if (typeof err?.statusCode === 'number') {
    const status = err.statusCode;
    const detail = extractDockerMessage(err.json) ?? message;
    if (status === 404) return new RpcError('NOT_FOUND', detail, { status });
    if (status === 409 || status === 304) return new RpcError('CONFLICT', detail, { status });
    if (status === 400) return new RpcError('BAD_REQUEST', detail, { status });
    if (status === 401 || status === 403) return new RpcError('FORBIDDEN', detail, { status });
    return new RpcError('UNAVAILABLE', detail, { status });
  }
  return new RpcError('INTERNAL', message);
}

function extractDockerMessage(json: unknown): string | undefined {
  if (json && typeof json === 'object' && 'message' in json && typeof json.message === 'string') return json.message;
  return undefined;
}

export function toErrorData(error: unknown): RpcErrorData {
  return toRpcError(error).toData();
}

/** Rejects with TIMEOUT when the promise does not settle in time. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RpcError('TIMEOUT', `${what} did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
