import { describe, expect, it } from 'vitest';
import { applicableActions, confirmationWord, type ActionTarget } from './action-targets';

const target = (overrides: Partial<ActionTarget>): ActionTarget => ({
  engine: 'engine-1',
  id: 'a',
  name: 'prod_search_1',
  environment: 'PROD',
  production: true,
  service: 'prod/search',
  ...overrides,
});

describe('action targets', () => {
  it('asks for nothing when no target is in production', () => {
    expect(confirmationWord([target({ production: false }), target({ production: false, name: 'x' })])).toBeUndefined();
  });

  it('asks for the container name for one container', () => {
    expect(confirmationWord([target({})])).toBe('prod_search_1');
  });

  it('asks for the service of a rolling action on its replicas, else the environment', () => {
    expect(confirmationWord([target({}), target({ name: 'prod_search_2' })])).toBe('prod/search');
    // A PRE container in the selection does not change what production asks for.
    expect(confirmationWord([target({}), target({ name: 'pre_search_1', production: false, service: 'pre/search' })])).toBe('prod/search');
    expect(confirmationWord([target({}), target({ name: 'prod_order_1', service: 'prod/order' })])).toBe('PROD');
    expect(confirmationWord([target({ service: '' }), target({ name: 'x', service: '', environment: 'prd' })])).toBe('PRD+PROD');
  });

  it('offers the actions that fit the state', () => {
    expect([...applicableActions('running')].sort()).toEqual(['kill', 'pause', 'remove', 'restart', 'stop']);
    expect(applicableActions('paused').has('unpause')).toBe(true);
    expect(applicableActions('exited').has('start')).toBe(true);
    expect(applicableActions('exited').has('stop')).toBe(false);
  });
});
