import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkedDecoder, openRawHttpStream } from './raw-http-stream';

describe('ChunkedDecoder', () => {
  const encode = (parts: string[]) => Buffer.from(parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('') + '0\r\n\r\n');

  it('gives the data of every chunk, split at any byte', () => {
    const parts = ['hello ', 'wörld', 'x'.repeat(300), '\n'];
    const wire = encode(parts);
    for (let cut = 1; cut < wire.length; cut += 7) {
      const decoder = new ChunkedDecoder();
      const a = decoder.push(wire.subarray(0, cut));
      const b = decoder.push(wire.subarray(cut));
      expect(a.error ?? b.error).toBeUndefined();
      expect(Buffer.concat([a.data, b.data]).toString()).toBe(parts.join(''));
      expect(b.done).toBe(true);
    }
  });

  it('says so when a size line is not hexadecimal', () => {
    expect(new ChunkedDecoder().push(Buffer.from('zz\r\nab\r\n')).error).toMatch(/bad chunk size/);
  });
});

describe('openRawHttpStream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'raw-http-'));
  const socketPath = join(dir, 'engine.sock');
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/missing')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'No such container: x' }));
      return;
    }
    // One write (and so one HTTP chunk) per line, as Docker follows a log.
    res.writeHead(200, { 'content-type': 'application/vnd.docker.raw-stream' });
    let i = 0;
    const tick = () => {
      for (let n = 0; n < 500 && i < 5000; n++) res.write(`line ${i++}\n`);
      if (i < 5000) setImmediate(tick);
      else res.end();
    };
    tick();
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(socketPath, resolve)));
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams a chunked body whole, in order, in large buffers', async () => {
    const stream = await openRawHttpStream({ socketPath }, '/logs');
    let text = '';
    let reads = 0;
    for await (const part of stream) {
      text += (part as Buffer).toString();
      reads++;
    }
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5000);
    expect(lines[4999]).toBe('line 4999');
    expect(reads).toBeLessThan(1000);
  });

  it("rejects a non-2xx answer with the status and the engine's message", async () => {
    await expect(openRawHttpStream({ socketPath }, '/missing')).rejects.toMatchObject({ statusCode: 404, json: { message: 'No such container: x' } });
  });

  it('rejects when nothing listens', async () => {
    await expect(openRawHttpStream({ socketPath: join(dir, 'none.sock') }, '/logs')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops reading when aborted', async () => {
    const abort = new AbortController();
    const stream = await openRawHttpStream({ socketPath }, '/logs', abort.signal);
    abort.abort();
    let count = 0;
    // As with dockerode's streams, reading a stream destroyed mid-way ends in "Premature close".
    await expect(
      (async () => {
        for await (const part of stream) count += (part as Buffer).length;
      })(),
    ).rejects.toThrow(/Premature close/);
    expect(stream.destroyed).toBe(true);
    expect(count).toBeLessThan('line 0000\n'.length * 5000);
  });
});
