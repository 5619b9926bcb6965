import { connect } from 'node:net';
import { setDeadline } from '../../core/deadline';
import { RpcError } from '../../../shared/errors';

/**
 * Asks zabbix_server's trapper a question over the Zabbix protocol (a `ZBXD` header, then
 * JSON) and resolves when it answers. Any answer, even "Permission denied", proves the
 * server is awake: a frozen server accepts the TCP connection (the kernel does) but never
 * answers, which only a timeout notices. The socket is closed on timeout, so nothing is
 * left for the server to answer when it wakes.
 */
export function pingZabbixServer(address: string, timeoutMs: number): Promise<{ latencyMs: number }> {
  const [host, port] = splitAddress(address);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect({ host, port });
    let received = 0;
    const clearTimer = setDeadline(() => {
      socket.destroy();
      reject(new RpcError('TIMEOUT', `Zabbix server at ${address} did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.on('connect', () => {
      const body = Buffer.from(JSON.stringify({ request: 'status.get', type: 'ping', sid: '' }));
      const header = Buffer.alloc(13);
      header.write('ZBXD', 0, 'latin1');
      header[4] = 1;
      header.writeUInt32LE(body.length, 5);
      socket.write(Buffer.concat([header, body]));
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received < 5) return;
      clearTimer();
      socket.destroy();
      resolve({ latencyMs: performance.now() - started });
    });
    socket.on('error', (error) => {
      clearTimer();
      reject(new RpcError('UNAVAILABLE', `Zabbix server at ${address} is unreachable: ${error.message}`));
    });
    socket.on('close', () => {
      clearTimer();
      if (received < 5) reject(new RpcError('UNAVAILABLE', `Zabbix server at ${address} closed the connection without answering`));
    });
  });
}

function splitAddress(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at), Number(address.slice(at + 1))];
}
