import WebSocket from 'ws';
import type { InvokeResult, ServerMessage, StreamEvent } from '../src/shared/wire';

/**
 * A test's own client of a browser-mode console: the same WebSocket, token and Origin as the
 * page, so a test can read what the console holds (a stream's first snapshot) without scraping
 * virtual rows.
 */
export class ConsoleRpc {
  private nextId = 1;
  private readonly pending = new Map<number, (result: InvokeResult) => void>();
  private readonly streams = new Map<number, (event: StreamEvent) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.id === null) return;
      if ('type' in message && message.type === 'result') {
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      } else {
        this.streams.get(message.id)?.(message as StreamEvent);
      }
    });
  }

  /** `url` is the console's URL as printed at start (`http://127.0.0.1:PORT/TOKEN/`). */
  static async connect(url: string): Promise<ConsoleRpc> {
    const origin = new URL(url).origin;
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}rpc`, { headers: { Origin: origin } });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new ConsoleRpc(socket);
  }

  async invoke<T>(method: string, params: unknown = {}): Promise<T> {
    const id = this.nextId++;
    const result = await new Promise<InvokeResult>((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ type: 'invoke', id, method, params }));
    });
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.result as T;
  }

  subscribe<T>(stream: string, params: unknown, onItems: (items: T[]) => void): () => void {
    const id = this.nextId++;
    this.streams.set(id, (event) => {
      if (event.type === 'data') onItems(event.items as T[]);
    });
    this.socket.send(JSON.stringify({ type: 'subscribe', id, stream, params }));
    return () => {
      if (this.streams.delete(id) && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'unsubscribe', id }));
    };
  }

  /** Items of a stream until `done(all items so far)` holds, then unsubscribes. */
  async collect<T>(stream: string, params: unknown, done: (items: T[]) => boolean, timeoutMs = 15_000): Promise<T[]> {
    const items: T[] = [];
    let stop = () => {};
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${stream}: no complete answer within ${timeoutMs / 1000} s`)), timeoutMs);
        stop = this.subscribe<T>(stream, params, (more) => {
          items.push(...more);
          if (done(items)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      stop();
    }
    return items;
  }

  /** Every item of a stream that arrives within `ms` (a snapshot sent in several frames, say). */
  async collectFor<T>(stream: string, params: unknown, ms: number): Promise<T[]> {
    const items: T[] = [];
    const stop = this.subscribe<T>(stream, params, (more) => items.push(...more));
    await new Promise((r) => setTimeout(r, ms));
    stop();
    return items;
  }

  close(): void {
    this.socket.close();
  }
}
