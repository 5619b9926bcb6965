import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { RawTarget } from './raw-http-stream';

/**
 * The engine's JSON API for the calls made per container (list, inspect), over node:http with a
 * kept-alive agent of the engine's own. dockerode does the same through docker-modem, which also
 * formats every request's options for its debug log whether it is on or not: with 10,000
 * containers to inspect that was most of the console's time. Errors carry `statusCode` and
 * Docker's `json` as dockerode's do, so `dockerError` maps both alike.
 */
export class EngineHttp {
  private readonly agent: HttpAgent;
  private readonly base: RequestOptions;
  private readonly send: typeof httpRequest;
  private readonly headers: Record<string, string> = { 'User-Agent': 'ops-console' };

  constructor(target: RawTarget) {
    // Idle connections close after 5 s, as Node's global agent (dockerode's) closes them.
    const agentOptions = { keepAlive: true, timeout: 5000 };
    if ('socketPath' in target) {
      this.agent = new HttpAgent(agentOptions);
      this.base = { socketPath: target.socketPath };
      this.send = httpRequest;
      // (Over TCP the Host header is the engine's own: TLS checks the certificate against it.)
      this.headers.Host = 'docker';
    } else if (target.tls) {
      this.agent = new HttpsAgent({ ...agentOptions, ...target.tls });
      this.base = { host: target.host, port: target.port };
      this.send = httpsRequest as typeof httpRequest;
    } else {
      this.agent = new HttpAgent(agentOptions);
      this.base = { host: target.host, port: target.port };
      this.send = httpRequest;
    }
  }

  getJson<T>(path: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const request = this.send({ ...this.base, path, method: 'GET', agent: this.agent, headers: this.headers }, (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            if (status >= 200 && status < 300) return reject(new Error(`The engine answered ${path} with something other than JSON`));
          }
          if (status >= 200 && status < 300) resolve(json as T);
          else reject(Object.assign(new Error(`(HTTP code ${status}) ${text.trim() || 'no message'}`), { statusCode: status, json }));
        });
      });
      request.on('error', reject);
      request.end();
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
