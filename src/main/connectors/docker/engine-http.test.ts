import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerError } from './docker-errors';
import { EngineHttp } from './engine-http';

describe('EngineHttp (list and inspect without docker-modem)', () => {
  let server: Server;
  let socketPath: string;
  let http: EngineHttp;
  const hosts: Array<string | undefined> = [];

  beforeAll(async () => {
    socketPath = join(mkdtempSync(join(tmpdir(), 'ops-engine-http-')), 'docker.sock');
    server = createServer((req, res) => {
      hosts.push(req.headers.host);
      if (req.url === '/containers/json?all=1') return void res.end(JSON.stringify([{ Id: 'a1' }]));
      if (req.url === '/containers/gone/json') {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        return void res.end(JSON.stringify({ message: 'No such container: gone' }));
      }
      if (req.url === '/containers/garbled/json') return void res.end('<html>proxy error</html>');
      res.writeHead(500);
      res.end();
    });
    await new Promise<void>((r) => server.listen(socketPath, r));
    http = new EngineHttp({ socketPath });
  });
  afterAll(async () => {
    http.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('gives the parsed JSON of a 2xx answer, over a kept-alive unix socket', async () => {
    expect(await http.getJson('/containers/json?all=1')).toEqual([{ Id: 'a1' }]);
    expect(await http.getJson('/containers/json?all=1')).toEqual([{ Id: 'a1' }]);
    expect(hosts.at(-1)).toBe('docker');
  });

  it("fails as dockerode does: Docker's message and status, mapped by dockerError", async () => {
    const error = await http.getJson('/containers/gone/json').catch((e: unknown) => e);
    expect(dockerError(error)).toMatchObject({ code: 'NOT_FOUND', message: 'No such container: gone' });
    await expect(http.getJson('/containers/garbled/json')).rejects.toThrow(/other than JSON/);
    expect(dockerError(await http.getJson('/other').catch((e: unknown) => e))).toMatchObject({ code: 'UNAVAILABLE' });
  });
});
