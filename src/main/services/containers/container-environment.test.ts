import { describe, expect, it } from 'vitest';
import { environmentOf, looksSecret } from './container-environment';

describe('container environment', () => {
  it('reads the environment from a label first, then from env', () => {
    expect(environmentOf(['APP_NAME=search', 'ENVIRONMENT=PROD'], {})).toBe('PROD');
    expect(environmentOf(['ENV=pre'], { environment: 'staging' })).toBe('staging');
    expect(environmentOf(['A=B=C'], {})).toBeUndefined();
  });
  it('spots names that look secret', () => {
    for (const name of ['DB_PASSWORD', 'API_KEY', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'SENTRY_DSN']) expect(looksSecret(name), name).toBe(true);
    for (const name of ['PATH', 'APP_NAME', 'ENVIRONMENT', 'PORT']) expect(looksSecret(name), name).toBe(false);
  });
});
