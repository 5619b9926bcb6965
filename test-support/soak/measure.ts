import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import type { Diagnostics } from '../../src/shared/domain';
import type { ConsoleRpc } from '../console-rpc';

/** Resident memory of a process, from /proc (what the OS charges the console for). */
export function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

/** A page's JS heap after a full garbage collection (Chrome DevTools Protocol). */
export async function pageHeapBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

type InspectorSend = (method: string) => Promise<Record<string, unknown>>;

/** Runs `use` with a DevTools-protocol session on the console's Node inspector, closed afterwards. */
async function withInspector<T>(inspectorUrl: string, use: (send: InspectorSend) => Promise<T>): Promise<T> {
  const socket = new WebSocket(inspectorUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let id = 0;
  const send: InspectorSend = (method) =>
    new Promise((resolve) => {
      const mine = ++id;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown> };
        if (message.id !== mine) return;
        socket.off('message', onMessage);
        resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method }));
    });
  try {
    return await use(send);
  } finally {
    socket.close();
  }
}

/**
 * The console's main-process JS heap after a full garbage collection, through its Node
 * inspector (the DevTools protocol, as for a page), so that growth is not GC timing.
 */
export function mainHeapBytes(inspectorUrl: string): Promise<number> {
  return withInspector(inspectorUrl, async (send) => {
    await send('HeapProfiler.collectGarbage');
    return Number((await send('Runtime.getHeapUsage')).usedSize);
  });
}

/** A CPU profile of the console's main process over `ms` (DevTools' .cpuprofile format), through its inspector. */
export function mainCpuProfile(inspectorUrl: string, ms: number): Promise<unknown> {
  return withInspector(inspectorUrl, async (send) => {
    await send('Profiler.enable');
    await send('Profiler.start');
    await new Promise((r) => setTimeout(r, ms));
    return (await send('Profiler.stop')).profile;
  });
}

export interface Sample {
  at: number;
  /** Resident memory (right after a full GC) and the JS heap after it. */
  mainRss: number;
  mainHeap: number;
  pageHeaps: number[];
  /** Open handles of the console's main process by Node's kind (TCPSocketWrap, PipeWrap, Timeout …). */
  resources: Record<string, number>;
}

export async function sample(pid: number, inspectorUrl: string, rpc: ConsoleRpc, pages: Page[]): Promise<Sample> {
  const mainHeap = await mainHeapBytes(inspectorUrl);
  const diagnostics = await rpc.invoke<Diagnostics>('diagnostics.get');
  const pageHeaps = [];
  for (const page of pages) pageHeaps.push(await pageHeapBytes(page));
  return { at: Date.now(), mainRss: rssBytes(pid), mainHeap, pageHeaps, resources: diagnostics.process.resources };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
};

/** Sockets (TCP and unix pipes) of a resources map. */
export const socketsOf = (resources: Record<string, number>) =>
  Object.entries(resources).filter(([kind]) => /TCP|Pipe|TLS/i.test(kind)).reduce((sum, [, n]) => sum + n, 0);
export const timersOf = (resources: Record<string, number>) => (resources.Timeout ?? 0) + (resources.Immediate ?? 0);
