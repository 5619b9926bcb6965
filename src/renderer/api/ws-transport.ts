import { RpcError } from '../../shared/rpc-error';
import type { Bridge, InvokeResult, ServerMessage, StreamEvent } from '../../shared/wire';

export type LinkState = 'connecting' | 'open' | 'reconnecting';

interface Subscription {
  stream: string;
  params: unknown;
  listener: (event: StreamEvent) => void;
}

/**
 * The browser-mode bridge: one WebSocket to the local server. It reconnects with backoff,
 * re-subscribes open streams after a reconnect, and fails calls made while it is down
 * with UNAVAILABLE instead of hanging.
 */
export class WebSocketBridge implements Bridge {
  private socket?: WebSocket;
  private nextId = 1;
  private readonly pending = new Map<number, (result: InvokeResult) => void>();
  private readonly subscriptions = new Map<number, Subscription>();
  private readonly queue: string[] = [];
  private attempt = 0;
  private state: LinkState = 'connecting';
  private readonly stateListeners = new Set<(state: LinkState) => void>();

  constructor(private readonly url: string) {
    this.connect();
  }

  onStateChange(listener: (state: LinkState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  invoke(method: string, params: unknown): Promise<InvokeResult> {
    const id = this.nextId++;
    if (this.state === 'reconnecting') {
      // Fail at once rather than wait for the next reconnect attempt.
      return Promise.resolve({ ok: false, error: new RpcError('UNAVAILABLE', 'The console backend is not reachable; reconnecting.').toData() });
    }
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ type: 'invoke', id, method, params });
    });
  }

  subscribe(stream: string, params: unknown, listener: (event: StreamEvent) => void): () => void {
    const id = this.nextId++;
    this.subscriptions.set(id, { stream, params, listener });
    this.send({ type: 'subscribe', id, stream, params });
    return () => {
      if (this.subscriptions.delete(id)) this.send({ type: 'unsubscribe', id });
    };
  }

  private send(message: object): void {
    const text = JSON.stringify(message);
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.queue.push(text);
  }

  private setState(state: LinkState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      for (const text of this.queue.splice(0)) socket.send(text);
    };
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = () => this.handleClose();
  }

  private handleClose(): void {
    this.setState('reconnecting');
    this.queue.length = 0;
    const down = new RpcError('UNAVAILABLE', 'Lost the connection to the console backend; reconnecting.').toData();
    for (const resolve of this.pending.values()) resolve({ ok: false, error: down });
    this.pending.clear();
    const delay = Math.min(10_000, 250 * 2 ** this.attempt++);
    setTimeout(() => {
      this.connect();
      // Streams carry on after a reconnect: subscribe again under the same ids.
      for (const [id, sub] of this.subscriptions) {
        this.send({ type: 'subscribe', id, stream: sub.stream, params: sub.params });
      }
    }, delay);
  }

  private receive(text: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (message.id === null) return;
    if (message.type === 'result') {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
      return;
    }
    const sub = this.subscriptions.get(message.id);
    if (!sub) return;
    if (message.type === 'end') this.subscriptions.delete(message.id);
    sub.listener(message);
  }
}
