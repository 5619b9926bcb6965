import { describe, expect, it } from 'vitest';
import { composeServiceName, platformServiceName, serviceAliases, serviceDisplayName } from './service-name';

describe('one name per service', () => {
  it('is the platform name app_ENV, with the compose name as an alias', () => {
    const c = { project: 'prod', service: 'user', environment: 'PROD' };
    expect(serviceDisplayName(c)).toBe('user_PROD');
    expect(platformServiceName(c)).toBe('user_PROD');
    expect(serviceAliases(c)).toEqual(['prod/user', 'user']);
  });

  it('keeps the compose name when the environment is not known', () => {
    const c = { project: 'shop', service: 'cart' };
    expect(platformServiceName(c)).toBeUndefined();
    expect(serviceDisplayName(c)).toBe('shop/cart');
    expect(serviceAliases(c)).toEqual(['cart']);
  });

  it('is empty outside compose', () => {
    expect(serviceDisplayName({})).toBe('');
    expect(composeServiceName({ project: 'p' })).toBe('');
    expect(serviceAliases({})).toEqual([]);
  });
});
