import type { Bridge } from '../../shared/wire';
import { createClient, type Client } from './client';
import { WebSocketBridge, type LinkState } from './ws-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    opsBridge?: Bridge;
  }
}

function rpcUrl(): string {
  // Browser mode serves the app under /<token>/, so the socket lives at /<token>/rpc.
  const url = new URL('rpc', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  return url.toString();
}

const wsBridge = window.opsBridge ? undefined : new WebSocketBridge(rpcUrl());

export const client: Client = createClient(window.opsBridge ?? wsBridge!);

/** The state of the link to the backend (always open under Electron's IPC). */
export function onLinkStateChange(listener: (state: LinkState) => void): () => void {
  if (!wsBridge) {
    listener('open');
    return () => undefined;
  }
  return wsBridge.onStateChange(listener);
}

export { errorMessage } from './client';
export type { LinkState } from './ws-transport';
