import { ClientMessageSchema, type ClientMessage, type ServerMessage } from '../../shared/wire';
import { RpcError } from '../../shared/errors';
import type { RpcDispatcher } from './dispatcher';

/** Largest frame accepted from a client. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Most streams one client may hold open at once. */
export const MAX_SUBSCRIPTIONS = 200;

/**
 * One client (a WebSocket, or a window's IPC) talking to the dispatcher: parses its
 * messages, tracks its stream subscriptions by id, and cancels them all on close.
 */
export class RpcSession {
  private readonly subscriptions = new Map<number, () => void>();
  private closed = false;

  constructor(
    private readonly dispatcher: RpcDispatcher,
    private readonly send: (message: ServerMessage) => void,
    private readonly canSend: () => boolean = () => true,
  ) {}

  /** Handles one raw text frame; malformed frames get an error reply, never an exception. */
  handleText(text: string): void {
    if (text.length > MAX_MESSAGE_BYTES) {
      this.sendError(null, new RpcError('BAD_REQUEST', `Message too large (${text.length} bytes; limit ${MAX_MESSAGE_BYTES}).`));
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.sendError(null, new RpcError('BAD_REQUEST', 'Message is not valid JSON.'));
      return;
    }
    const parsed = ClientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
      this.sendError(id, new RpcError('BAD_REQUEST', `Malformed message: ${problems}`));
      return;
    }
    this.handle(parsed.data);
  }

  handle(message: ClientMessage): void {
    if (this.closed) return;
    switch (message.type) {
      case 'invoke':
        void this.dispatcher.invoke(message.method, message.params).then((result) => {
          if (!this.closed) this.send({ type: 'result', id: message.id, ...result });
        });
        return;
      case 'subscribe': {
        this.subscriptions.get(message.id)?.();
        if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
          this.send({ id: message.id, type: 'end', error: new RpcError('CONFLICT', `Too many open streams (limit ${MAX_SUBSCRIPTIONS}).`).toData() });
          return;
        }
        const id = message.id;
        let ended = false;
        const cancel = this.dispatcher.subscribe(
          message.stream,
          message.params,
          (event) => {
            if (this.closed) return;
            if (event.type === 'end') {
              ended = true;
              this.subscriptions.delete(id);
            }
            this.send({ id, ...event });
          },
          this.canSend,
        );
        // A stream that ended during subscribe (bad input) is not kept.
        if (!ended) this.subscriptions.set(id, cancel);
        return;
      }
      case 'unsubscribe':
        this.subscriptions.get(message.id)?.();
        this.subscriptions.delete(message.id);
        return;
    }
  }

  get openStreams(): number {
    return this.subscriptions.size;
  }

  close(): void {
    this.closed = true;
    for (const cancel of this.subscriptions.values()) cancel();
    this.subscriptions.clear();
  }

  private sendError(id: number | null, error: RpcError): void {
    if (id === null) this.send({ type: 'error', id: null, error: error.toData() });
    else this.send({ type: 'result', id, ok: false, error: error.toData() });
  }
}
