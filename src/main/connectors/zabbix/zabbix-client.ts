import { deadlineSignal } from '../../core/deadline';
import { RpcError } from '../../../shared/errors';
import type { ZabbixConfig } from '../../config/profile-schema';
import { httpPost } from './http-post';
import { pingZabbixServer } from './zabbix-server-ping';

interface JsonRpcReply {
  result?: unknown;
  error?: { code: number; message: string; data?: string };
}

/** Compares dotted versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * How to authenticate against a given Zabbix version: the login field was `user` before
 * 5.4 and `username` from 5.4; the session/token goes in the body's `auth` field before
 * 6.4 and in an `Authorization: Bearer` header from 6.4 (the body field is gone in 7.2).
 */
export function authStrategy(version: string): { loginField: 'user' | 'username'; credentialIn: 'body' | 'header' } {
  return {
    loginField: compareVersions(version, '5.4') >= 0 ? 'username' : 'user',
    credentialIn: compareVersions(version, '6.4') >= 0 ? 'header' : 'body',
  };
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** A Zabbix JSON-RPC client that adapts to the server's version. */
export class ZabbixClient {
  readonly name: string;
  readonly target: string;
  private version?: string;
  private session?: string;
  private nextId = 1;

  constructor(
    readonly config: ZabbixConfig,
    private readonly fetchImpl: FetchLike = httpPost,
    readonly timeoutMs = 8000,
  ) {
    this.name = config.name;
    this.target = config.url;
  }

  async apiVersion(): Promise<string> {
    const version = await this.request('apiinfo.version', {}, false);
    if (typeof version !== 'string') throw new RpcError('UNAVAILABLE', `Zabbix at ${this.target} answered apiinfo.version with ${JSON.stringify(version)}`);
    this.version = version;
    return version;
  }

  /** Whether zabbix_server itself answers (the profile's `server`), apart from the API in front of it. */
  serverPing(timeoutMs: number): Promise<{ latencyMs: number }> {
    if (!this.config.server) return Promise.reject(new RpcError('BAD_REQUEST', 'No Zabbix server address in the profile'));
    return pingZabbixServer(this.config.server, timeoutMs);
  }

  get authMethod(): string {
    return this.config.apiToken ? 'API token' : `user ${this.config.username ?? ''}`;
  }

  /** Calls an API method, logging in first if needed and once more if the session expired. */
  async call<T = unknown>(method: string, params: unknown): Promise<T> {
    if (!this.version) await this.apiVersion();
    try {
      return (await this.request(method, params, true)) as T;
    } catch (error) {
      if (!this.config.apiToken && error instanceof RpcError && isSessionError(error)) {
        this.session = undefined;
        return (await this.request(method, params, true)) as T;
      }
      throw error;
    }
  }

  private async credential(): Promise<string> {
    if (this.config.apiToken) return this.config.apiToken;
    if (this.session) return this.session;
    const { loginField } = authStrategy(this.version!);
    const session = await this.request('user.login', { [loginField]: this.config.username, password: this.config.password ?? '' }, false);
    if (typeof session !== 'string') throw new RpcError('FORBIDDEN', 'Zabbix login returned no session');
    this.session = session;
    return session;
  }

  private async request(method: string, params: unknown, authenticated: boolean): Promise<unknown> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json-rpc' };
    const body: Record<string, unknown> = { jsonrpc: '2.0', method, params, id: this.nextId++ };
    if (authenticated) {
      const credential = await this.credential();
      if (authStrategy(this.version!).credentialIn === 'header') headers.Authorization = `Bearer ${credential}`;
      else body.auth = credential;
    }
    let response: Awaited<ReturnType<FetchLike>>;
    let text: string;
    const deadline = deadlineSignal(this.timeoutMs);
    try {
      response = await this.fetchImpl(this.config.url, { method: 'POST', headers, body: JSON.stringify(body), signal: deadline.signal });
      text = await response.text();
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (deadline.signal.aborted) throw new RpcError('TIMEOUT', `Zabbix at ${this.target} did not answer within ${this.timeoutMs / 1000} s`);
      throw new RpcError('UNAVAILABLE', `Zabbix at ${this.target} is unreachable: ${cause?.message ?? cause?.code ?? (error as Error).message}`);
    } finally {
      deadline.clear();
    }
    if (!response.ok) throw new RpcError('UNAVAILABLE', `Zabbix at ${this.target} answered HTTP ${response.status}`, { body: text.slice(0, 500) });
    let reply: JsonRpcReply;
    try {
      reply = JSON.parse(text) as JsonRpcReply;
    } catch {
      throw new RpcError('UNAVAILABLE', `Zabbix at ${this.target} did not answer with JSON (is the URL the api_jsonrpc.php endpoint?)`, { body: text.slice(0, 500) });
    }
    if (reply.error) {
      const message = [reply.error.message, reply.error.data].filter(Boolean).join(' ');
      throw new RpcError(isAuthMessage(message) ? 'FORBIDDEN' : 'BAD_REQUEST', `Zabbix: ${message}`, { zabbixCode: reply.error.code, method });
    }
    return reply.result;
  }
}

function isAuthMessage(message: string): boolean {
  return /session terminated|re-login|not authori[sz]ed|incorrect user name or password|login name or password is incorrect/i.test(message);
}

function isSessionError(error: RpcError): boolean {
  return error.code === 'FORBIDDEN' && /session terminated|re-login|not authori[sz]ed/i.test(error.message);
}
