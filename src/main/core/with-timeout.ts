import { RpcError } from '../../shared/errors';
import { setDeadline } from './deadline';

/** Rejects with TIMEOUT when the promise does not settle in time (a sleep of the console itself does not count: see setDeadline). */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let cancel: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    cancel = setDeadline(() => reject(new RpcError('TIMEOUT', `${what} did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    cancel?.();
  }
}
