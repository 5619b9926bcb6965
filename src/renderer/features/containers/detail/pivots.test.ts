import { describe, expect, it } from 'vitest';
import { hashQuery, parseHash } from '../../../core/router';
import { logsHref, metricsHref, platformService, registryHref, terminalHref, timelineHref } from './pivots';

const web = { engine: 'lab engine/1', id: 'abc123def456', service: 'search', environment: 'PRE' };

describe('pivots from a container', () => {
  it('opens the logs and the terminal with the queries those screens read', () => {
    for (const [href, screen] of [
      [logsHref(web), 'logs'],
      [terminalHref(web), 'terminal'],
    ] as const) {
      expect(parseHash(href).screen).toBe(screen);
      const query = hashQuery(href);
      expect(query.get('engine')).toBe('lab engine/1');
      expect(query.get('id')).toBe('abc123def456');
    }
  });

  it('names the platform service app_ENV, and nothing without both parts', () => {
    expect(platformService(web)).toBe('search_PRE');
    expect(platformService({ service: 'search' })).toBeUndefined();
    expect(platformService({ environment: 'PRE' })).toBeUndefined();
  });

  it('points the registry and the timeline at the service, the metrics at the engine', () => {
    expect(parseHash(registryHref(web)).path).toBe('/registry/services');
    expect(hashQuery(registryHref(web)).get('text')).toBe('search_PRE');
    expect(parseHash(timelineHref(web)).screen).toBe('timeline');
    expect(hashQuery(timelineHref(web)).get('service')).toBe('search_PRE');
    expect(parseHash(metricsHref(web)).path).toBe('/metrics/hosts');
    expect(hashQuery(metricsHref(web)).get('engine')).toBe('lab engine/1');
  });

  it('leaves out what is unknown rather than sending an empty filter', () => {
    const bare = { engine: 'e1', id: 'x' };
    expect(registryHref(bare)).toBe('#/registry/services');
    expect(timelineHref(bare)).toBe('#/timeline');
  });
});
