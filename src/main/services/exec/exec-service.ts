import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type Dockerode from 'dockerode';
import type { ExecEvent } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import type { DockerEngine } from '../../connectors/docker/docker-engine';
import { toRpcError } from '../../rpc/errors';
import type { StreamSink } from '../../rpc/handlers';
import type { AuditLog } from '../audit/audit-log';
import type { Connectors } from '../connection-registry';
import { environmentOf, isProduction } from '../containers/container-environment';

export const DEFAULT_SHELLS = [['bash'], ['sh'], ['ash']];

interface Session {
  exec: Dockerode.Exec;
  stream: Duplex;
}

export interface OpenRequest {
  engine: string;
  id: string;
  command?: string[];
  cols: number;
  rows: number;
  confirmName?: string;
}

/** Interactive TTY sessions in containers: one Docker exec per session, audited when opened. */
export class ExecService {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly connectors: Connectors,
    private readonly audit: AuditLog,
    private readonly productionEnvironments: () => string[],
  ) {}

  /** The exec.session stream: started, data..., exit. */
  open(request: OpenRequest, sink: StreamSink<ExecEvent>): () => void {
    const id = randomUUID();
    let closed = false;
    const run = async () => {
      const engine = this.connectors.docker.find((e) => e.name === request.engine);
      if (!engine) throw new RpcError('NOT_FOUND', `Unknown Docker engine: ${request.engine}`);
      const container = engine.api.getContainer(request.id);
      const info = await container.inspect().catch((error: unknown) => {
        throw toRpcError(error);
      });
      const name = info.Name.replace(/^\//, '');
      const environment = environmentOf(info.Config.Env, info.Config.Labels);
      const base = { engine: engine.name, target: name, action: 'exec' };
      if (isProduction(environment, this.productionEnvironments()) && request.confirmName !== name) {
        const message = `Refused: ${name} is in production (${environment}); type its name to confirm.`;
        await this.audit.record({ ...base, params: { command: request.command ?? 'default shell', environment }, result: 'error', message });
        throw new RpcError('FORBIDDEN', message, { needsTypedName: name });
      }
      if (!info.State.Running) {
        const message = `${name} is not running (${info.State.Status}); start it before opening a shell.`;
        await this.audit.record({ ...base, params: { command: request.command ?? 'default shell' }, result: 'error', message });
        throw new RpcError('CONFLICT', message);
      }
      const command = request.command?.length ? request.command : await this.pickShell(container);
      const exec = await container
        .exec({ Cmd: command, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true, Env: ['TERM=xterm-256color'] })
        .catch((error: unknown) => {
          throw toRpcError(error);
        });
      const stream = (await exec.start({ hijack: true, stdin: true, Tty: true } as never)) as unknown as Duplex;
      await this.audit.record({ ...base, params: { command, ...(environment ? { environment } : {}) }, result: 'ok', message: `Opened ${command.join(' ')} in ${name}` });
      if (closed) {
        stream.destroy();
        return;
      }
      this.sessions.set(id, { exec, stream });
      await exec.resize({ h: request.rows, w: request.cols }).catch(() => undefined);
      sink.push({ kind: 'started', session: id, command });
      const decoder = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => {
        const data = decoder.write(chunk);
        if (data && !sink.push({ kind: 'data', data })) {
          stream.pause();
          void sink.drain().then(() => stream.resume());
        }
      });
      await new Promise<void>((resolve) => {
        stream.once('end', resolve);
        stream.once('close', resolve);
        stream.once('error', () => resolve());
      });
      this.sessions.delete(id);
      if (closed) return;
      const rest = decoder.end();
      if (rest) sink.push({ kind: 'data', data: rest });
      sink.push(await this.exitEvent(exec, engine, request.id));
      sink.end();
    };
    run().catch((error: unknown) => {
      this.sessions.delete(id);
      if (!closed) sink.end(error);
    });
    return () => {
      closed = true;
      const session = this.sessions.get(id);
      this.sessions.delete(id);
      // Ending the session: hang up the TTY as a closed terminal window would.
      session?.stream.end();
      session?.stream.destroy();
    };
  }

  input(session: string, data: string): { ok: true } {
    const s = this.sessions.get(session);
    if (!s) throw new RpcError('NOT_FOUND', 'This terminal session has ended.');
    s.stream.write(data);
    return { ok: true };
  }

  async resize(session: string, cols: number, rows: number): Promise<{ ok: true }> {
    const s = this.sessions.get(session);
    if (!s) throw new RpcError('NOT_FOUND', 'This terminal session has ended.');
    await s.exec.resize({ h: rows, w: cols }).catch((error: unknown) => {
      throw toRpcError(error);
    });
    return { ok: true };
  }

  /** bash, else sh, else ash: the first that exists in the container. */
  private async pickShell(container: Dockerode.Container): Promise<string[]> {
    for (const shell of DEFAULT_SHELLS) {
      try {
        const probe = await container.exec({ Cmd: [...shell, '-c', 'exit 0'], AttachStdout: true, AttachStderr: true });
        const stream = await probe.start({ hijack: true, stdin: false });
        await new Promise<void>((resolve) => {
          stream.on('end', resolve);
          stream.on('close', resolve);
          stream.on('error', () => resolve());
          stream.resume();
        });
        const result = await probe.inspect();
        if (result.ExitCode === 0) return shell;
      } catch {
        // try the next shell
      }
    }
    throw new RpcError('NOT_FOUND', 'No shell found in the container (tried bash, sh, ash); give a command instead.');
  }

  private async exitEvent(exec: Dockerode.Exec, engine: DockerEngine, containerId: string): Promise<ExecEvent> {
    const inspect = await exec.inspect().catch(() => undefined);
    if (inspect && !inspect.Running && inspect.ExitCode !== null && inspect.ExitCode !== undefined) {
      const alive = await engine.api.getContainer(containerId).inspect().then((c) => c.State.Running).catch(() => false);
      if (!alive) return { kind: 'exit', code: inspect.ExitCode, message: `The container stopped; the session ended (exit code ${inspect.ExitCode}).` };
      return { kind: 'exit', code: inspect.ExitCode, message: `Process exited with code ${inspect.ExitCode}.` };
    }
    const alive = await engine.api.getContainer(containerId).inspect().then((c) => c.State.Running).catch(() => false);
    return { kind: 'exit', code: null, message: alive ? 'The connection to the engine was lost; the session ended.' : 'The container stopped; the session ended.' };
  }
}
