import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { FetchLike } from './zabbix-client';

// Kept-alive connections, as fetch keeps them (the API is asked every few seconds).
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/**
 * The Zabbix client's HTTP, over node:http. Node's fetch would do, but its first use loads and
 * compiles undici (about 170 ms here, and more per call than node:http) on the console's one
 * thread during start-up, when every millisecond of it is waited for.
 */
export const httpPost: FetchLike = (url, init) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return reject(new TypeError(`Unsupported protocol ${target.protocol} in ${url}`));
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      { method: init.method, headers: { ...init.headers, 'Content-Length': Buffer.byteLength(init.body) }, agent: agents[target.protocol], signal: init.signal },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ ok: status >= 200 && status < 300, status, text: () => Promise.resolve(text) });
        });
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
