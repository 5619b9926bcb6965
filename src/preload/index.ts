import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_INVOKE,
  IPC_STREAM_EVENT,
  IPC_SUBSCRIBE,
  IPC_UNSUBSCRIBE,
  type Bridge,
  type InvokeResult,
  type StreamEvent,
} from '../shared/wire';

// The only thing the renderer gets: invoke and subscribe. No ipcRenderer, no Node.
const listeners = new Map<number, (event: StreamEvent) => void>();
let nextId = 1;

ipcRenderer.on(IPC_STREAM_EVENT, (_event, message: { id: number } & StreamEvent) => {
  const listener = listeners.get(message.id);
  if (!listener) return;
  if (message.type === 'end') listeners.delete(message.id);
  listener(message.type === 'data' ? { type: 'data', items: message.items } : { type: 'end', error: message.error });
});

const bridge: Bridge = {
  invoke: (method, params) => ipcRenderer.invoke(IPC_INVOKE, method, params) as Promise<InvokeResult>,
  subscribe(stream, params, listener) {
    const id = nextId++;
    listeners.set(id, listener);
    ipcRenderer.send(IPC_SUBSCRIBE, { type: 'subscribe', id, stream, params });
    return () => {
      if (listeners.delete(id)) ipcRenderer.send(IPC_UNSUBSCRIBE, { type: 'unsubscribe', id });
    };
  },
};

contextBridge.exposeInMainWorld('opsBridge', bridge);
