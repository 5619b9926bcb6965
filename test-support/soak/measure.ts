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

type InspectorSend = (method: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>>;
type InspectorOn = (method: string, listener: (params: Record<string, unknown>) => void) => void;

/** Runs `use` with a DevTools-protocol session on the console's Node inspector, closed afterwards. */
async function withInspector<T>(inspectorUrl: string, use: (send: InspectorSend, on: InspectorOn) => Promise<T>): Promise<T> {
  const socket = new WebSocket(inspectorUrl, { maxPayload: 1024 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let id = 0;
  const waiting = new Map<number, (result: Record<string, unknown>) => void>();
  const listeners = new Map<string, (params: Record<string, unknown>) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown> };
    if (message.id !== undefined) {
      waiting.get(message.id)?.(message.result ?? {});
      waiting.delete(message.id);
    } else if (message.method) listeners.get(message.method)?.(message.params ?? {});
  });
  const send: InspectorSend = (method, params) =>
    new Promise((resolve) => {
      const mine = ++id;
      waiting.set(mine, resolve);
      socket.send(JSON.stringify({ id: mine, method, params }));
    });
  try {
    return await use(send, (method, listener) => listeners.set(method, listener));
  } finally {
    socket.close();
  }
}

/**
 * The console's main-process JS heap after a full garbage collection, through its Node
 * inspector (the DevTools protocol, as for a page), so that growth is not GC timing.
 */
export function mainHeapBytes(inspectorUrl: string): Promise<{ used: number; total: number }> {
  return withInspector(inspectorUrl, async (send) => {
    await send('HeapProfiler.collectGarbage');
    const usage = await send('Runtime.getHeapUsage');
    return { used: Number(usage.usedSize), total: Number(usage.totalSize) };
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
  /** Where the resident memory is, to tell a JS leak from native growth: V8's committed heap, Buffers and other memory outside it. */
  mainHeapCommitted: number;
  mainExternal: number;
  pageHeaps: number[];
  /** Open handles of the console's main process by Node's kind (TCPSocketWrap, PipeWrap, Timeout …). */
  resources: Record<string, number>;
  /** What the console's bounded stores hold (timeline events …), which memory grows with by design. */
  held: Record<string, number>;
}

export async function sample(pid: number, inspectorUrl: string, rpc: ConsoleRpc, pages: Page[]): Promise<Sample> {
  const heap = await mainHeapBytes(inspectorUrl);
  const mainRss = rssBytes(pid);
  const diagnostics = await rpc.invoke<Diagnostics>('diagnostics.get');
  const pageHeaps = [];
  for (const page of pages) pageHeaps.push(await pageHeapBytes(page));
  return {
    at: Date.now(),
    mainRss,
    mainHeap: heap.used,
    mainHeapCommitted: heap.total,
    mainExternal: diagnostics.process.externalBytes,
    pageHeaps,
    resources: diagnostics.process.resources,
    held: diagnostics.process.held ?? {},
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
};

/** Sockets (TCP and unix pipes) of a resources map. */
export const socketsOf = (resources: Record<string, number>) =>
  Object.entries(resources).filter(([kind]) => /TCP|Pipe|TLS/i.test(kind)).reduce((sum, [, n]) => sum + n, 0);
export const timersOf = (resources: Record<string, number>) => (resources.Timeout ?? 0) + (resources.Immediate ?? 0);

/** Objects in a heap by constructor (or kind, for strings, arrays, code): how many and their own size. */
export type HeapSummary = Map<string, { count: number; bytes: number }>;

/** Sums a V8 heap snapshot (the .heapsnapshot JSON) by node name. */
export function summariseSnapshot(json: string): HeapSummary {
  const snapshot = JSON.parse(json) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const summary: HeapSummary = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]!]!;
    const label = snapshot.strings[snapshot.nodes[i + nameAt]!] ?? '';
    // Strings by their first characters (with digits and hex folded), so that what they hold shows.
    const name =
      type === 'object' || type === 'native' || type === 'closure' ? `${type} ${label}`
      : type === 'string' || type === 'concatenated string' ? `(${type}) ${JSON.stringify(label.slice(0, 40).replace(/[0-9a-f]{6,}/g, '#').replace(/\d+/g, 'N'))}`
      : `(${type})`;
    const entry = summary.get(name) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += snapshot.nodes[i + sizeAt]!;
    summary.set(name, entry);
  }
  return summary;
}

/** What grew most between two summaries, as lines (name, count and size growth). */
export function heapGrowth(before: HeapSummary, after: HeapSummary, top = 25): string[] {
  return [...after.entries()]
    .map(([name, a]) => ({ name, count: a.count - (before.get(name)?.count ?? 0), bytes: a.bytes - (before.get(name)?.bytes ?? 0) }))
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, top)
    .map((g) => `${(g.bytes / 1024).toFixed(0).padStart(7)} KB ${String(g.count).padStart(7)} × ${g.name.slice(0, 100)}`);
}

/** A summarised heap snapshot of the console's main process, through its inspector. */
export function mainHeapSummary(inspectorUrl: string): Promise<HeapSummary> {
  return withInspector(inspectorUrl, async (send, on) => {
    const chunks: string[] = [];
    on('HeapProfiler.addHeapSnapshotChunk', (params) => chunks.push(String(params.chunk)));
    await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    return summariseSnapshot(chunks.join(''));
  });
}

/** A summarised heap snapshot of a page. */
export async function pageHeapSummary(page: Page): Promise<HeapSummary> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (params) => chunks.push(params.chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    return summariseSnapshot(chunks.join(''));
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * The timers pending in the console's main process (through its inspector), counted by what they
 * run and their delay: to find what makes the timer count grow (SOAK_TIMER_TRACE=1). It finds
 * every live Timeout object, those of sockets and libraries included, not only the global setTimeout's.
 */
export function pendingTimerKinds(inspectorUrl: string, top = 12): Promise<string[]> {
  return withInspector(inspectorUrl, async (send) => {
    const proto = await send('Runtime.evaluate', { expression: 'Object.getPrototypeOf(setTimeout(() => {}, 0))' });
    const protoId = (proto.result as { objectId?: string }).objectId;
    const found = await send('Runtime.queryObjects', { prototypeObjectId: protoId });
    const arrayId = (found.objects as { objectId?: string }).objectId;
    const reply = await send('Runtime.callFunctionOn', {
      objectId: arrayId,
      returnByValue: true,
      functionDeclaration: `function () {
        const counts = new Map();
        for (const t of this) {
          if (t._destroyed || t._idleTimeout < 0) continue;
          const fn = t._onTimeout;
          const what = (fn && (fn.name || String(fn).replace(/\\s+/g, ' ').slice(0, 120))) + ' every ' + t._idleTimeout + ' ms' + (t._repeat ? ' (interval)' : '');
          counts.set(what, (counts.get(what) ?? 0) + 1);
        }
        return [...counts].sort((a, b) => b[1] - a[1]).slice(0, ${top}).map(([what, n]) => n + ' x ' + what);
      }`,
    });
    return ((reply.result as { value?: string[] } | undefined)?.value ?? []) as string[];
  });
}
