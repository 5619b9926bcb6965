import { createServer, connect, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AskOnce } from './ask-once';

describe('AskOnce', () => {
  it('sends one question while it is unanswered, and fails each wait in time', async () => {
    const asks = new AskOnce();
    let sent = 0;
    let answer!: (value: string) => void;
    const question = () => {
      sent++;
      return new Promise<string>((resolve) => (answer = resolve));
    };
    await expect(asks.ask('peer', question, 20, 'peer')).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(asks.ask('peer', question, 20, 'peer')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(sent).toBe(1);
    const waiting = asks.ask('peer', question, 1000, 'peer');
    answer('ok');
    await expect(waiting).resolves.toBe('ok');
    expect(asks.open).toBe(0);
    const next = asks.ask('peer', question, 1000, 'peer');
    answer('again');
    await expect(next).resolves.toBe('again');
    expect(sent).toBe(2);
  });

  it('forgets a question that failed, so the next check asks again', async () => {
    const asks = new AskOnce();
    let sent = 0;
    const failing = () => {
      sent++;
      return Promise.reject(new Error('refused'));
    };
    await expect(asks.ask('peer', failing, 100, 'peer')).rejects.toThrow('refused');
    await expect(asks.ask('peer', failing, 100, 'peer')).rejects.toThrow('refused');
    expect(sent).toBe(2);
  });

  it('does not call a peer silent when the console itself slept past the wait and the answer is already in the socket', async () => {
    const server = createServer((socket) => socket.on('data', () => socket.end('pong')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const question = () =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write('ping');
          // The process "sleeps" (a blocked loop stands in for SIGSTOP) while the answer arrives.
          const until = Date.now() + 1300;
          while (Date.now() < until) {
            // busy
          }
        });
        socket.on('data', (data) => resolve(data.toString()));
        socket.on('error', reject);
      });
    try {
      await expect(new AskOnce().ask('peer', question, 100, 'peer')).resolves.toBe('pong');
    } finally {
      server.close();
    }
  });
});

describe('AskOnce after the console slept (a laptop lid; fake clock)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('after the console itself slept, gives the peer its whole time again from the wake', async () => {
    const asks = new AskOnce();
    let answer: (value: string) => void = () => undefined;
    const waiting = asks.ask('peer', () => new Promise<string>((resolve) => (answer = resolve)), 5000, 'peer');
    // The process is stopped for a minute: the wall clock moves on, the timer has not run yet.
    vi.setSystemTime(Date.now() + 60_000);
    await vi.advanceTimersByTimeAsync(5000);
    // Due long ago, but the peer is not called down: its answer comes 3 s after the wake.
    await vi.advanceTimersByTimeAsync(3000);
    answer('pong');
    await expect(waiting).resolves.toBe('pong');
  });

  it('after a sleep, still calls a peer that does not answer in its time down', async () => {
    const asks = new AskOnce();
    const waiting = asks.ask('peer', () => new Promise<string>(() => undefined), 5000, 'Zabbix API');
    const outcome = waiting.catch((error: Error) => error.message);
    vi.setSystemTime(Date.now() + 60_000);
    await vi.advanceTimersByTimeAsync(5000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await outcome).toBe('Zabbix API did not answer within 5 s');
  });
});
