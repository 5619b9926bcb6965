import { describe, expect, it } from 'vitest';
import { docker, dockerBoth } from '../../../../test-support/docker-cli';
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

/** Logs are read with the console's own HTTP request (raw-http-stream.ts): over TLS too. */
describe('a log read over the lab TLS engine', () => {
  const engine = labProfile().docker.find((e) => e.tls)!;

  it('gives what docker logs gives, verified with the CA and with verification skipped', async () => {
    const id = docker(engine, 'run', '-d', '--network', 'host', 'lab/busybox:1', 'sh', '-c', 'for i in 1 2 3 4 5; do echo out-$i; echo err-$i >&2; done; sleep 60');
    try {
      const { stdout, stderr } = await waitForLogs(() => dockerBoth(engine, 'logs', id), 10);
      for (const config of [{ name: 'tls', host: engine.host, tls: engine.tls }, { name: 'skip', host: engine.host, tls: { cert: engine.tls!.cert, key: engine.tls!.key }, tlsSkipVerify: true }]) {
        const stream = await new DockerEngine(config).logStream(id, { follow: false });
        const frames = { out: '', err: '' };
        let pending = Buffer.alloc(0);
        for await (const part of stream) {
          pending = Buffer.concat([pending, part as Buffer]);
          while (pending.length >= 8 && pending.length >= 8 + pending.readUInt32BE(4)) {
            const size = pending.readUInt32BE(4);
            // Each line starts with its timestamp: compare the texts.
            const line = pending.subarray(8, 8 + size).toString().replace(/^\S+ /, '');
            if (pending[0] === 2) frames.err += line;
            else frames.out += line;
            pending = pending.subarray(8 + size);
          }
        }
        expect(frames, config.name).toEqual({ out: stdout, err: stderr });
      }
      await expect(new DockerEngine({ name: 'tls', host: engine.host, tls: engine.tls }).logStream('no-such-container', { follow: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      docker(engine, 'rm', '-f', id);
    }
  });
});

async function waitForLogs(read: () => { stdout: string; stderr: string }, lines: number) {
  for (let i = 0; ; i++) {
    const both = read();
    if (`${both.stdout}${both.stderr}`.split('\n').filter(Boolean).length >= lines || i > 50) return both;
    await new Promise((r) => setTimeout(r, 100));
  }
}
