import type { AuditEntry } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import { isProductionEnvironment } from '../../../shared/production';
import { toRpcError } from '../../core/errors';
import type { AuditLog } from './audit-log';
import { PlannedChanges } from './planned-changes';

/** A change about to be made: what the audit line says, and what production asks for. */
export interface Change {
  action: string;
  target: string;
  engine?: string;
  params: Record<string, unknown>;
  /** Whether it touches production (see ChangeGuard.isProduction). */
  production: boolean;
  /** The word the engineer must type for a production change (a name, key or lease id). */
  typedName: string;
  /** What the engineer typed, if anything. */
  confirmName?: string;
  /** Why it is guarded, for the refusal: "prod_user_1 is in production (PROD)". */
  why: string;
  /** What to type, for the refusal: "its name", "the key". */
  typeWhat: string;
}

/**
 * The one path for every change the console makes (container actions, exec, registry
 * edits, scale): the main side checks the production confirmation again (the UI is not
 * trusted to have asked), and every attempt, refused, failed or done, leaves an audit line.
 */
export class ChangeGuard {
  /** What the console is changing itself (the watch does not report it as an incident). */
  readonly planned = new PlannedChanges();

  constructor(
    readonly audit: AuditLog,
    readonly productionEnvironments: () => readonly string[],
  ) {}

  isProduction(environment: string | undefined): boolean {
    return isProductionEnvironment(environment, this.productionEnvironments());
  }

  /** The production part of a change to one container: its name must be typed. */
  containerConfirmation(name: string, environment: string | undefined, confirmName: string | undefined): Pick<Change, 'production' | 'typedName' | 'confirmName' | 'why' | 'typeWhat'> {
    return { production: this.isProduction(environment), typedName: name, confirmName, why: `${name} is in production (${environment})`, typeWhat: 'its name' };
  }

  /** Refuses (audited, FORBIDDEN with the word to type) a production change without the typed word. */
  async require(change: Change): Promise<void> {
    if (!change.production || change.confirmName === change.typedName) return;
    const message = `Refused: ${change.why}; type ${change.typeWhat} to confirm.`;
    await this.record(change, 'error', message);
    throw new RpcError('FORBIDDEN', message, { needsTypedName: change.typedName });
  }

  /** Checks, performs and audits a change; a failure is audited and rethrown as the console's error. */
  async run<T>(change: Change, perform: () => Promise<T>, done: (result: T) => string = () => `${change.action} ${change.target}`): Promise<T> {
    await this.require(change);
    try {
      const result = await perform();
      await this.record(change, 'ok', done(result));
      return result;
    } catch (error) {
      const rpcError = toRpcError(error);
      await this.record(change, 'error', rpcError.message);
      throw rpcError;
    }
  }

  record(change: Pick<Change, 'action' | 'target' | 'engine' | 'params'>, result: AuditEntry['result'], message: string): Promise<AuditEntry> {
    return this.audit.record({ ...(change.engine ? { engine: change.engine } : {}), target: change.target, action: change.action, params: change.params, result, message });
  }
}
