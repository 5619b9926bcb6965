import { describe, expect, it } from 'vitest';
import { labProfile } from '../../../../test-support/lab';
import { DockerEngine } from './docker-engine';

/**
 * A docker context with SkipTLSVerify (and a client certificate, no CA) against the lab's
 * TLS engine, whose certificate is signed by the lab's own CA: accepted only because the
 * verification is skipped, as the docker CLI does for such a context.
 */
describe('SkipTLSVerify against the lab TLS engine', () => {
  const engine = labProfile().docker.find((e) => e.tls)!;
  const clientOnly = { cert: engine.tls!.cert, key: engine.tls!.key };

  it('connects when the context skips verification', async () => {
    const docker = new DockerEngine({ name: 'skip', host: engine.host, tls: clientOnly, tlsSkipVerify: true });
    await expect(docker.ping()).resolves.toMatchObject({ version: expect.stringMatching(/^\d+\./) });
  });

  it('is refused when it does not (the lab CA is unknown to the system)', async () => {
    const docker = new DockerEngine({ name: 'verify', host: engine.host, tls: clientOnly });
    await expect(docker.ping()).rejects.toThrow();
  });
});
