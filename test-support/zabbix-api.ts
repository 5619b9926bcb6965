import { labProfile } from './lab';

type Call = <T>(method: string, params: unknown) => Promise<T>;

/** Logs in to the lab's Zabbix API once; the returned function calls a method with that session (for polling). */
export async function zabbixSession(): Promise<Call> {
  const { url, username, password } = labProfile().zabbix;
  const post = async (body: object) => {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json-rpc' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, ...body }) });
    const json = (await response.json()) as { result?: unknown; error?: { message: string; data: string } };
    if (json.error) throw new Error(`${json.error.message} ${json.error.data}`);
    return json.result;
  };
  const auth = await post({ method: 'user.login', params: { username, password } });
  return async <T>(method: string, params: unknown) => (await post({ method, params, auth })) as T;
}

/** The lab's Zabbix API called directly (JSON-RPC, 6.0 style): the reference for the console. */
export async function zabbixApi<T>(method: string, params: unknown): Promise<T> {
  const call = await zabbixSession();
  return call<T>(method, params);
}
