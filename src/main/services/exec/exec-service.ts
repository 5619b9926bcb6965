import { randomUUID } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { ExecEvent } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import { engineNamed, type Connectors } from '../../connectors/connectors';
import type { DockerEngine, ExecSession } from '../../connectors/docker/docker-engine';
import type { StreamSink } from '../../core/handlers';
import type { ChangeGuard } from '../audit/change-guard';
import { environmentOf } from '../containers/container-environment';

export const DEFAULT_SHELLS = [['bash'], ['sh'], ['ash']];

type Session = ExecSession;

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
    private readonly guard: ChangeGuard,
  ) {}

  /** The exec.session stream: started, data..., exit. */
  open(request: OpenRequest, sink: StreamSink<ExecEvent>): () => void {
    const id = randomUUID();
    let closed = false;
    const run = async () => {
      const engine = engineNamed(this.connectors, request.engine);
      const info = await engine.inspect(request.id);
      const name = info.Name.replace(/^\//, '');
      const environment = environmentOf(info.Config.Env, info.Config.Labels);
      const change = { action: 'exec', target: name, engine: engine.name, params: { command: request.command ?? 'default shell', ...(environment ? { environment } : {}) } };
      await this.guard.require({ ...change, ...this.guard.containerConfirmation(name, environment, request.confirmName) });
      if (!info.State.Running) {
        const message = `${name} is not running (${info.State.Status}); start it before opening a shell.`;
        await this.guard.record(change, 'error', message);
        throw new RpcError('CONFLICT', message);
      }
      const command = request.command?.length ? request.command : await this.pickShell(engine, info.Id);
      const session = await engine.execInteractive(info.Id, command);
      const stream = session.stream;
      await this.guard.record({ ...change, params: { ...change.params, command } }, 'ok', `Opened ${command.join(' ')} in ${name}`);
      if (closed) {
        stream.destroy();
        return;
      }
      this.sessions.set(id, session);
      await session.resize(request.cols, request.rows).catch(() => undefined);
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
      sink.push(await this.exitEvent(session, engine, request.id));
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
    await s.resize(cols, rows);
    return { ok: true };
  }

  /** bash, else sh, else ash: the first that exists in the container. */
  private async pickShell(engine: DockerEngine, containerId: string): Promise<string[]> {
    for (const shell of DEFAULT_SHELLS) {
      const probe = await engine.execCaptured(containerId, [...shell, '-c', 'exit 0']).catch(() => undefined);
      if (probe?.exitCode === 0) return shell;
    }
    throw new RpcError('NOT_FOUND', 'No shell found in the container (tried bash, sh, ash); give a command instead.');
  }

  private async exitEvent(session: ExecSession, engine: DockerEngine, containerId: string): Promise<ExecEvent> {
    const status = await session.status().catch(() => undefined);
    const alive = await engine
      .inspect(containerId)
      .then((c) => c.State.Running)
      .catch(() => false);
    if (status && !status.running && status.exitCode !== null) {
      if (!alive) return { kind: 'exit', code: status.exitCode, message: `The container stopped; the session ended (exit code ${status.exitCode}).` };
      return { kind: 'exit', code: status.exitCode, message: `Process exited with code ${status.exitCode}.` };
    }
    return { kind: 'exit', code: null, message: alive ? 'The connection to the engine was lost; the session ended.' : 'The container stopped; the session ended.' };
  }
}
