import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConnectors, closeConnectors } from '../connectors/connectors';
import { ConnectionsService } from '../services/connections/connections-service';
import { profileFromEnvironment } from './environment-profile';
import { freePort } from '../../../test-support/free-port';

/**
 * ETCDCTL_ENDPOINTS with ETCDCTL_CACERT / ETCDCTL_CERT / ETCDCTL_KEY, as an engineer's shell
 * has them for a TLS-only etcd: this test starts its own etcd on free loopback ports that
 * accepts only https clients with a certificate of its CA (--client-cert-auth), with
 * certificates made by openssl as the lab makes them. The lab's cluster is not touched.
 */


function makeCerts(dir: string): { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string } {
  const f = (name: string) => join(dir, name);
  const ossl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  writeFileSync(f('ca.cnf'), '[req]\ndistinguished_name = dn\nprompt = no\nx509_extensions = v3_ca\n[dn]\nCN = etcd tls test CA\n[v3_ca]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\n');
  writeFileSync(f('server.ext'), 'basicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth, clientAuth\nsubjectAltName = IP:127.0.0.1, DNS:localhost\n');
  writeFileSync(f('client.ext'), 'basicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = clientAuth\n');
  ossl('genrsa', '-out', f('ca-key.pem'), '2048');
  ossl('req', '-x509', '-new', '-key', f('ca-key.pem'), '-sha256', '-days', '2', '-config', f('ca.cnf'), '-out', f('ca.pem'));
  for (const [name, ext, cn] of [['server', 'server.ext', 'localhost'], ['client', 'client.ext', 'ops-console']] as const) {
    ossl('genrsa', '-out', f(`${name}-key.pem`), '2048');
    ossl('req', '-new', '-key', f(`${name}-key.pem`), '-subj', `/CN=${cn}`, '-out', f(`${name}.csr`));
    ossl('x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'), '-CAcreateserial', '-days', '2', '-sha256', '-extfile', f(ext), '-out', f(`${name}.pem`));
  }
  return { ca: f('ca.pem'), serverCert: f('server.pem'), serverKey: f('server-key.pem'), clientCert: f('client.pem'), clientKey: f('client-key.pem') };
}

describe('ETCDCTL_* against a TLS-only etcd (started by this test)', () => {
  let dir: string;
  let etcd: ChildProcess | undefined;
  let clientPort: number;
  let certs: ReturnType<typeof makeCerts>;
  let etcdLog = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-etcd-tls-'));
    certs = makeCerts(dir);
    clientPort = await freePort();
    const peerPort = await freePort();
    etcd = spawn('etcd', [
      '--name', 'tls1', '--data-dir', join(dir, 'data'),
      '--listen-client-urls', `https://127.0.0.1:${clientPort}`, '--advertise-client-urls', `https://127.0.0.1:${clientPort}`,
      '--listen-peer-urls', `http://127.0.0.1:${peerPort}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peerPort}`,
      '--initial-cluster', `tls1=http://127.0.0.1:${peerPort}`, '--initial-cluster-state', 'new',
      '--cert-file', certs.serverCert, '--key-file', certs.serverKey, '--client-cert-auth', '--trusted-ca-file', certs.ca,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    etcd.stdout?.on('data', (d: Buffer) => (etcdLog += d.toString()));
    etcd.stderr?.on('data', (d: Buffer) => (etcdLog += d.toString()));
    // Ready when etcdctl, with the client certificate, gets an answer.
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        execFileSync('etcdctl', ['--endpoints', `https://127.0.0.1:${clientPort}`, '--cacert', certs.ca, '--cert', certs.clientCert, '--key', certs.clientKey, 'endpoint', 'health'], {
          env: { ...process.env, ETCDCTL_API: '3' },
          stdio: 'pipe',
          timeout: 5000,
        });
        break;
      } catch (err) {
        if (Date.now() > deadline || etcd.exitCode !== null) throw new Error(`the TLS etcd did not start: ${(err as Error).message}\n${etcdLog.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }, 90_000);

  afterAll(() => {
    if (etcd?.pid && etcd.exitCode === null) process.kill(etcd.pid, 'SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('connects with the files from ETCDCTL_CACERT, ETCDCTL_CERT and ETCDCTL_KEY, and reads what is written', async () => {
    const profile = profileFromEnvironment({
      ETCDCTL_ENDPOINTS: `127.0.0.1:${clientPort}`,
      ETCDCTL_CACERT: certs.ca,
      ETCDCTL_CERT: certs.clientCert,
      ETCDCTL_KEY: certs.clientKey,
    }, dir);
    expect(profile.etcd?.endpoints).toEqual([`https://127.0.0.1:${clientPort}`]);
    const connectors = buildConnectors(profile);
    try {
      const [status] = await new ConnectionsService(connectors).check();
      expect(status).toMatchObject({ kind: 'etcd', state: 'connected', version: expect.stringMatching(/^3\./) });
      await connectors.etcd!.put('/tls-test/key', 'value over mTLS');
      expect(String(await connectors.etcd!.get('/tls-test/key'))).toBe('value over mTLS');
    } finally {
      closeConnectors(connectors);
    }
  });

  it('is refused without the client certificate: the etcd really is TLS-only with client-cert-auth', async () => {
    const profile = profileFromEnvironment({ ETCDCTL_ENDPOINTS: `https://127.0.0.1:${clientPort}`, ETCDCTL_CACERT: certs.ca }, dir);
    const connectors = buildConnectors(profile);
    try {
      const [status] = await new ConnectionsService(connectors).check();
      expect(status).toMatchObject({ kind: 'etcd', state: 'error' });
    } finally {
      closeConnectors(connectors);
    }
  });
});
