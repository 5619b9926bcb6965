import { describe, expect, it } from 'vitest';
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
});
