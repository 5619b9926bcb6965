import { describe, expect, it } from 'vitest';
import { detailPath, parseContainersPath, servicePath } from './containers-route';

describe('routes inside the Containers screen', () => {
  it('tells the fleet, a container and a service apart', () => {
    expect(parseContainersPath('/containers')).toEqual({ view: 'fleet' });
    expect(parseContainersPath('/containers/lab-engine-1/ae9c66d6')).toEqual({ view: 'detail', engine: 'lab-engine-1', id: 'ae9c66d6' });
    expect(parseContainersPath('/containers/service/prod/search')).toEqual({ view: 'service', project: 'prod', service: 'search' });
    expect(parseContainersPath('/containers/a/b/c/d/e')).toEqual({ view: 'fleet' });
  });

  it('round-trips names that need escaping', () => {
    expect(parseContainersPath(`/${detailPath('eng/1', 'x y')}`)).toEqual({ view: 'detail', engine: 'eng/1', id: 'x y' });
    expect(parseContainersPath(`/${servicePath(undefined, 'web')}`)).toEqual({ view: 'service', project: '', service: 'web' });
    // An engine called "service" still has its containers' pages.
    expect(parseContainersPath(`/${detailPath('service', 'abc')}`)).toEqual({ view: 'detail', engine: 'service', id: 'abc' });
  });
});
