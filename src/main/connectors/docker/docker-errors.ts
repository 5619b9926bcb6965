import { RpcError } from '../../../shared/errors';
import { toRpcError } from '../../core/errors';
import type { SshEndpoint } from './docker-options';

/**
 * Docker's HTTP answers as the console's error codes. 304 (already in that state) is a
 * CONFLICT carrying `status: 304`, which callers may treat as success.
 */
export function dockerError(error: unknown, ssh?: SshEndpoint): RpcError {
  if (error instanceof RpcError) return error;
  if (ssh && typeof (error as { level?: unknown })?.level === 'string') return sshError(error as Error & { level: string }, ssh);
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

/**
 * ssh2's own failures (they carry a `level`) for an ssh:// engine, saying where and with what:
 * a refused key is FORBIDDEN naming the key, a handshake that never ends a TIMEOUT; socket
 * errors keep their system code (ECONNREFUSED: UNAVAILABLE).
 */
function sshError(error: Error & { level: string }, ssh: SshEndpoint): RpcError {
  const where = `${ssh.username ? `${ssh.username}@` : ''}${ssh.host}:${ssh.port}`;
  if (error.level === 'client-authentication') {
    const offered = [ssh.keyFile && `key ${ssh.keyFile}`, ssh.agent && "the ssh agent's keys"].filter(Boolean).join(' or ');
    const what = offered ? `the server did not accept ${offered}` : 'no key to offer (IdentityFile in ~/.ssh/config, sshKey in the profile, or an ssh agent)';
    return new RpcError('FORBIDDEN', `SSH authentication failed for ${where}: ${what} (${error.message})`, { ssh: where });
  }
  if (error.level === 'client-timeout') return new RpcError('TIMEOUT', `SSH handshake with ${where} timed out`, { ssh: where });
  if (error.level === 'client-socket') {
    const mapped = toRpcError(error);
    return new RpcError(mapped.code === 'INTERNAL' ? 'UNAVAILABLE' : mapped.code, `SSH connection to ${where} failed: ${error.message}`, { ssh: where });
  }
  return new RpcError('UNAVAILABLE', `SSH connection to ${where} failed: ${error.message}`, { ssh: where });
}
