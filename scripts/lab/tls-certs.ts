// A CA, a server certificate (127.0.0.1 / localhost) and a client certificate for engine 2's TLS port.
import fs from 'node:fs';
import path from 'node:path';
import type { LabPaths } from './paths.js';
import { run, say } from './proc.js';

const DAYS = '825';

/** Create the certificates with openssl unless all of them already exist. */
export async function ensureCerts(p: LabPaths): Promise<void> {
  const c = p.certs;
  const all = [c.ca, c.caKey, c.serverCert, c.serverKey, c.clientCert, c.clientKey];
  if (all.every((f) => fs.existsSync(f))) return;
  fs.mkdirSync(c.dir, { recursive: true, mode: 0o700 });
  const f = (name: string) => path.join(c.dir, name);

  fs.writeFileSync(
    f('ca.cnf'),
    [
      '[req]',
      'distinguished_name = dn',
      'prompt = no',
      'x509_extensions = v3_ca',
      '[dn]',
      'CN = ops-console lab CA',
      '[v3_ca]',
      'basicConstraints = critical, CA:TRUE',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    f('server.ext'),
    [
      'basicConstraints = CA:FALSE',
      'keyUsage = critical, digitalSignature, keyEncipherment',
      'extendedKeyUsage = serverAuth',
      'subjectAltName = IP:127.0.0.1, DNS:localhost',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    f('client.ext'),
    ['basicConstraints = CA:FALSE', 'keyUsage = critical, digitalSignature, keyEncipherment', 'extendedKeyUsage = clientAuth', ''].join('\n'),
  );

  const ossl = (...args: string[]) => run('openssl', args, { cwd: c.dir });
  await ossl('genrsa', '-out', c.caKey, '2048');
  await ossl('req', '-x509', '-new', '-key', c.caKey, '-sha256', '-days', DAYS, '-config', f('ca.cnf'), '-out', c.ca);

  await ossl('genrsa', '-out', c.serverKey, '2048');
  await ossl('req', '-new', '-key', c.serverKey, '-subj', '/CN=localhost', '-out', f('server.csr'));
  await ossl('x509', '-req', '-in', f('server.csr'), '-CA', c.ca, '-CAkey', c.caKey, '-CAcreateserial',
    '-days', DAYS, '-sha256', '-extfile', f('server.ext'), '-out', c.serverCert);

  await ossl('genrsa', '-out', c.clientKey, '2048');
  await ossl('req', '-new', '-key', c.clientKey, '-subj', '/CN=ops-console', '-out', f('client.csr'));
  await ossl('x509', '-req', '-in', f('client.csr'), '-CA', c.ca, '-CAkey', c.caKey, '-CAcreateserial',
    '-days', DAYS, '-sha256', '-extfile', f('client.ext'), '-out', c.clientCert);

  for (const k of [c.caKey, c.serverKey, c.clientKey]) fs.chmodSync(k, 0o600);
  for (const tmp of ['server.csr', 'client.csr']) fs.rmSync(f(tmp), { force: true });
  say('certs', `CA, server and client certificates made in ${c.dir}`);
}
