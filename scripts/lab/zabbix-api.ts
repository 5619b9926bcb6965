// A minimal Zabbix 6.0 JSON-RPC client (the session id travels as `auth` in the request body).
export class ZabbixApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly data: string,
  ) {
    super(`Zabbix API ${method}: ${data} (${code})`);
  }
}

export class ZabbixApi {
  private auth: string | null = null;
  private nextId = 1;

  constructor(readonly url: string) {}

  async call<T = unknown>(method: string, params: unknown = {}): Promise<T> {
    const anonymous = method === 'apiinfo.version' || method === 'user.login';
    const body = { jsonrpc: '2.0', method, params, id: this.nextId++, ...(anonymous || !this.auth ? {} : { auth: this.auth }) };
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json-rpc' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15000),
    });
    if (!res.ok) throw new Error(`Zabbix API ${method}: HTTP ${res.status}`);
    const json = (await res.json()) as { result?: T; error?: { code: number; message: string; data: string } };
    if (json.error) throw new ZabbixApiError(method, json.error.code, `${json.error.message} ${json.error.data}`.trim());
    return json.result as T;
  }

  version(): Promise<string> {
    return this.call<string>('apiinfo.version', []);
  }

  async login(username: string, password: string): Promise<void> {
    this.auth = await this.call<string>('user.login', { username, password });
  }

  async logout(): Promise<void> {
    if (!this.auth) return;
    try {
      await this.call('user.logout', []);
    } finally {
      this.auth = null;
    }
  }
}
