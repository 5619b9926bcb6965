import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { PORT_DISCOVERY_SCRIPT } from '../../src/main/services/fleet/port-discovery';
import { frame, STDERR, STDOUT } from './docker-frames';
import { sendError, sendJson } from './docker-http';
import { fixture } from './fixtures';
import { isRunning, type SimContainer } from './sim-container';
import type { SimEngine } from './sim-engine';

interface SimExec {
  id: string;
  container: SimContainer;
  cmd: string[];
  tty: boolean;
  running: boolean;
  exitCode: number | null;
}

/**
 * Exec, for what the console runs by itself: its port discovery (`sh -c` of
 * PORT_DISCOVERY_SCRIPT) answers with /proc/net/tcp and fd listings in which the container's
 * own process listens on its port. Any other command is not simulated: it writes a line saying
 * so to stderr and exits 126.
 */
export class ExecEndpoint {
  private readonly execs = new Map<string, SimExec>();

  constructor(private readonly engine: SimEngine) {}

  /** POST /containers/{id}/exec */
  create(ref: string, body: { Cmd?: string[]; Tty?: boolean }, res: ServerResponse): void {
    const c = this.engine.find(ref);
    if (!c) return sendError(res, 404, `No such container: ${ref}`);
    if (!isRunning(c)) return sendError(res, 409, `Container ${c.id} is not running`);
    const id = randomBytes(32).toString('hex');
    const cmd = body.Cmd ?? [];
    this.execs.set(id, { id, container: c, cmd, tty: body.Tty ?? false, running: false, exitCode: null });
    if (this.execs.size > 5000) this.execs.delete(this.execs.keys().next().value!);
    this.engine.events.emit(c, `exec_create: ${cmd.join(' ')}`, { execID: id });
    sendJson(res, 201, { Id: id });
  }

  /** POST /exec/{id}/start, hijacked (Connection: Upgrade): the output on the raw socket. */
  startHijacked(id: string, req: IncomingMessage, socket: Duplex): void {
    const exec = this.execs.get(id);
    if (!exec) {
      const body = JSON.stringify({ message: `No such exec instance: ${id}` }) + '\n';
      socket.end(`HTTP/1.1 404 Not Found\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    const contentType = exec.tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream';
    socket.write(`HTTP/1.1 101 UPGRADED\r\nContent-Type: ${contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`);
    exec.running = true;
    this.engine.events.emit(exec.container, 'exec_start: ' + exec.cmd.join(' '), { execID: id });
    const { out, err, code } = this.run(exec);
    const write = (stream: number, text: string) => {
      if (!text) return;
      socket.write(exec.tty ? Buffer.from(text) : frame(stream, Buffer.from(text)));
    };
    write(STDOUT, out);
    write(STDERR, err);
    exec.running = false;
    exec.exitCode = code;
    this.engine.events.emit(exec.container, 'exec_die', { execID: id, exitCode: String(code) });
    socket.end();
    req.resume();
  }

  /** GET /exec/{id}/json */
  inspect(id: string, res: ServerResponse): void {
    const exec = this.execs.get(id);
    if (!exec) return sendError(res, 404, `No such exec instance: ${id}`);
    const recorded = fixture<{ inspect: Record<string, unknown> }>('exec').inspect;
    sendJson(res, 200, {
      ...recorded,
      ID: exec.id,
      Running: exec.running,
      ExitCode: exec.exitCode,
      ProcessConfig: { ...(recorded.ProcessConfig as object), tty: exec.tty, entrypoint: exec.cmd[0] ?? '', arguments: exec.cmd.slice(1) },
      ContainerID: exec.container.id,
      Pid: exec.container.pid + 100,
    });
  }

  private run(exec: SimExec): { out: string; err: string; code: number } {
    if (exec.cmd[0] === 'sh' && exec.cmd[1] === '-c' && exec.cmd[2] === PORT_DISCOVERY_SCRIPT) {
      const c = exec.container;
      const inode = 100_000 + (c.pid % 50_000);
      const port = c.port.toString(16).toUpperCase().padStart(4, '0');
      const tcp = [
        '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
        `   0: 0100007F:${port} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 ${inode} 1 0000000000000000 100 0 0 10 0`,
      ].join('\n');
      const fds = `total 0\nlrwx------    1 root     root            64 Nov 29 21:42 3 -> socket:[${inode}]`;
      return { out: `${tcp}\n---\n${fds}\n`, err: '', code: 0 };
    }
    return { out: '', err: `engine simulator: ${exec.cmd.join(' ')}: not simulated\n`, code: 126 };
  }
}
