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
});
