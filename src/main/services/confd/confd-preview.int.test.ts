import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfdPreview } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { etcdctl, etcdGetPrefix } from '../../../../test-support/etcdctl';
import { testContext } from '../../../../test-support/test-context';
import { defaultUpstreamTemplate } from './confd-preview';

describe('confd preview, live from the lab registry', () => {
  let context: AppContext;
  beforeAll(async () => {
    context = await testContext();
  });
  afterAll(() => {
    try {
      etcdctl('del', '/search_PROD/127.0.0.1-1');
    } catch {
      // gone
    }
    context?.close();
  });

  it('renders the default upstream template from the registry and shows what a change altered', async () => {
    const previews: ConfdPreview[] = [];
    const cancel = context.dispatcher.subscribe('confd.preview', { template: defaultUpstreamTemplate('search_PROD') }, (event) => {
      if (event.type === 'data') previews.push(...(event.items as ConfdPreview[]));
    });
    const wait = async (check: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // Other tests may change search_PROD meanwhile: the preview must come to equal what etcd holds.
    const expected = () => {
      const values = [...etcdGetPrefix('/search_PROD/').values()].sort();
      return ['# nginx upstream rendered by confd from /search_PROD/*', 'upstream search_PROD {', ...values.map((v) => `    server ${v};`), '}', ''].join('\n');
    };
    await wait(() => previews.length > 0 && previews[previews.length - 1]!.output === expected()).catch(() => undefined);
    expect(previews[previews.length - 1]!.output).toBe(expected());

    etcdctl('put', '/search_PROD/127.0.0.1-1', '127.0.0.1:1');
    await wait(() => previews.some((p) => p.changes.some((c) => c.kind === 'added' && c.line === '    server 127.0.0.1:1;')));
    cancel();
  });

  it('reports a template error with its line instead of failing', async () => {
    const previews: ConfdPreview[] = [];
    const cancel = context.dispatcher.subscribe('confd.preview', { template: 'ok\n{{range getvs "/x/*"}}' }, (event) => {
      if (event.type === 'data') previews.push(...(event.items as ConfdPreview[]));
    });
    const deadline = Date.now() + 5000;
    while (previews.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    cancel();
    expect(previews[0]?.error).toMatch(/line 2: .*missing \{\{end\}\}/);
  });
});
