import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/errors';
import { dockerError, isAlreadyDone } from './docker-errors';

/** dockerode's error for a non-2xx answer: statusCode, and Docker's JSON body. */
const answered = (statusCode: number, message = 'boom') => Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json: { message } });

describe("Docker's answers as the console's errors", () => {
  it('maps HTTP statuses to codes, with Docker\'s own message', () => {
    expect(dockerError(answered(404, 'No such container: x')).toData()).toMatchObject({ code: 'NOT_FOUND', message: 'No such container: x' });
    expect(dockerError(answered(409)).code).toBe('CONFLICT');
    expect(dockerError(answered(400)).code).toBe('BAD_REQUEST');
    expect(dockerError(answered(403)).code).toBe('FORBIDDEN');
    expect(dockerError(answered(500)).code).toBe('UNAVAILABLE');
  });
  it('tells "already in that state" (304) apart', () => {
    expect(isAlreadyDone(answered(304))).toBe(true);
    expect(isAlreadyDone(answered(409))).toBe(false);
    expect(isAlreadyDone(new RpcError('CONFLICT', 'x', { status: 304 }))).toBe(true);
  });
  it('passes the console\'s errors through and maps system errors', () => {
    const own = new RpcError('TIMEOUT', 'slow');
    expect(dockerError(own)).toBe(own);
    expect(dockerError(Object.assign(new Error('connect ECONNREFUSED /x.sock'), { code: 'ECONNREFUSED' })).code).toBe('UNAVAILABLE');
  });

  describe('ssh2 failures of an ssh:// engine (ssh2 marks them with a level)', () => {
    const ssh = { host: '10.0.0.5', port: 2222, username: 'ops', keyFile: '/home/me/.ssh/id_ed25519' };
    const failed = (message: string, level: string, code?: string) => Object.assign(new Error(message), { level, ...(code ? { code } : {}) });

    it('names where and which key when authentication fails', () => {
      const error = dockerError(failed('All configured authentication methods failed', 'client-authentication'), ssh);
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe('SSH authentication failed for ops@10.0.0.5:2222: the server did not accept key /home/me/.ssh/id_ed25519 (All configured authentication methods failed)');
      expect(dockerError(failed('x', 'client-authentication'), { host: 'h', port: 22, agent: '/agent' }).message).toContain("did not accept the ssh agent's keys");
      expect(dockerError(failed('x', 'client-authentication'), { host: 'h', port: 22 }).message).toMatch(/h:22: no key to offer/);
    });
    it('keeps the system code of a socket error, and says a handshake timed out', () => {
      expect(dockerError(failed('connect ECONNREFUSED 10.0.0.5:2222', 'client-socket', 'ECONNREFUSED'), ssh).toData()).toMatchObject({
        code: 'UNAVAILABLE',
        message: 'SSH connection to ops@10.0.0.5:2222 failed: connect ECONNREFUSED 10.0.0.5:2222',
      });
      expect(dockerError(failed('Timed out while waiting for handshake', 'client-timeout'), ssh).code).toBe('TIMEOUT');
      expect(dockerError(failed('Handshake failed: no matching host key format', 'handshake'), ssh).code).toBe('UNAVAILABLE');
    });
    it('leaves errors of other engines alone', () => {
      expect(dockerError(failed('All configured authentication methods failed', 'client-authentication')).code).toBe('INTERNAL');
    });
  });
});
