import { describe, expect, it } from 'vitest';
import { isExplicitHash, routeToKeep } from './session-route';

const known = (id: string) => ['logs', 'containers', 'metrics'].includes(id);

describe('routeToKeep', () => {
  it('keeps a screen with its query', () => {
    expect(routeToKeep('#/logs?project=p&service=s', known)).toBe('#/logs?project=p&service=s');
    expect(routeToKeep('#/metrics/charts?host=10084', known)).toBe('#/metrics/charts?host=10084');
  });
  it('drops the one-shot asks of a link', () => {
    expect(routeToKeep('#/containers/lab-a/abc?action=restart', known)).toBe('#/containers/lab-a/abc');
    expect(routeToKeep('#/metrics/problems?event=12&ack=1', known)).toBe('#/metrics/problems?event=12');
  });
  it('keeps nothing for the terminal, an unknown screen or the bare route', () => {
    expect(routeToKeep('#/terminal?engine=a&id=b', (id) => id === 'terminal' || known(id))).toBeUndefined();
    expect(routeToKeep('#/nowhere', known)).toBeUndefined();
    expect(routeToKeep('#/', known)).toBeUndefined();
    expect(routeToKeep('', known)).toBeUndefined();
  });
});

describe('isExplicitHash', () => {
  it('is a deep link only when it names something', () => {
    expect(isExplicitHash('')).toBe(false);
    expect(isExplicitHash('#')).toBe(false);
    expect(isExplicitHash('#/')).toBe(false);
    expect(isExplicitHash('#/containers')).toBe(true);
  });
});
