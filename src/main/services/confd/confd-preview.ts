import { diffLines } from 'diff';
import { upstreamTemplate } from '../../../shared/confd-template';
import type { ConfdPreview, RegistryKey } from '../../../shared/domain';
import type { RegistryStore } from '../registry/registry-store';
import { confdFunctions, confdStore } from './confd-functions';
import { executeTemplate } from './go-template-exec';

/** The platform's nginx upstream template, as an example for a service. */
export const defaultUpstreamTemplate = upstreamTemplate;

export interface PreviewRequest {
  template: string;
  prefix: string;
  keys: string[];
}

/** Renders one template resource from a set of keys, as confd would. */
export function renderPreview(request: PreviewRequest, keys: Iterable<RegistryKey>, revision: string, previous?: string): ConfdPreview {
  const all = new Map<string, string>();
  for (const key of keys) if (key.valueKind !== 'binary') all.set(key.key, key.value);
  const store = confdStore(all, request.prefix, request.keys);
  const base = { revision, at: Date.now(), keysLoaded: store.size };
  try {
    const output = executeTemplate(request.template, null, confdFunctions(store));
    return { ...base, output, changes: previous === undefined ? [] : lineChanges(previous, output) };
  } catch (error) {
    return { ...base, error: (error as Error).message, changes: [] };
  }
}

function lineChanges(before: string, after: string): ConfdPreview['changes'] {
  const changes: ConfdPreview['changes'] = [];
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) continue;
    for (const line of part.value.replace(/\n$/, '').split('\n')) changes.push({ kind: part.added ? 'added' : 'removed', line });
  }
  return changes;
}

/** The confd.preview stream: a render now, then one after each registry change that alters the output. */
export function watchPreview(store: RegistryStore, request: PreviewRequest, onPreview: (preview: ConfdPreview) => void): () => void {
  let last: string | undefined;
  let lastError: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const render = () => {
    timer = undefined;
    const preview = renderPreview(request, store.keys.values(), store.revision, last);
    const output = preview.output;
    if (last !== undefined && output === last && preview.error === lastError) return;
    if (output !== undefined) last = output;
    lastError = preview.error;
    onPreview(preview);
  };
  const off = store.subscribe(() => {
    timer ??= setTimeout(render, 100);
  });
  return () => {
    off();
    clearTimeout(timer);
  };
}
