import { EtcdError, GRPCDeadlineExceededError, GRPCUnavailableError } from 'etcd3';
import { describe, expect, it } from 'vitest';
import { isCompactedError, toEtcdRpcError } from './etcd-errors';

describe('etcd errors', () => {
  it('a dropped or refused link is UNAVAILABLE, a missed deadline TIMEOUT, the rest INTERNAL', () => {
    expect(toEtcdRpcError(new GRPCUnavailableError('14 UNAVAILABLE: No connection established')).code).toBe('UNAVAILABLE');
    expect(toEtcdRpcError(new GRPCDeadlineExceededError('4 DEADLINE_EXCEEDED')).code).toBe('TIMEOUT');
    expect(toEtcdRpcError(new EtcdError('etcdserver: something')).code).toBe('INTERNAL');
  });

  it('knows etcd’s compacted answer, and that an empty cancel reason does not say', () => {
    expect(isCompactedError(new EtcdError('etcdserver: mvcc: required revision has been compacted'))).toBe(true);
    expect(isCompactedError(new EtcdError('Watcher canceled: '))).toBe(false);
    expect(isCompactedError(new EtcdError('etcdserver: mvcc: required revision is a future revision'))).toBe(false);
  });
});
