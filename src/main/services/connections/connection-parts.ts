import type { ConnectionPart } from '../../../shared/domain';
import { toErrorData } from '../../core/errors';

/** One piece of a connection checked on its own (an etcd member, the Zabbix server). */
export interface PartCheck {
  name: string;
  target: string;
  check(): Promise<{ latencyMs: number }>;
}

/**
 * Checks every part at once; a part that does not answer keeps the `downSince` of the
 * check where it first stopped answering (startedAt of that check).
 */
export async function checkParts(checks: readonly PartCheck[], previous: readonly ConnectionPart[] | undefined, startedAt: number): Promise<ConnectionPart[]> {
  return Promise.all(
    checks.map(async (part): Promise<ConnectionPart> => {
      try {
        const { latencyMs } = await part.check();
        return { name: part.name, target: part.target, responding: true, latencyMs: Math.round(latencyMs * 10) / 10 };
      } catch (error) {
        const before = previous?.find((p) => p.name === part.name);
        return { name: part.name, target: part.target, responding: false, downSince: before && !before.responding ? (before.downSince ?? startedAt) : startedAt, error: toErrorData(error) };
      }
    }),
  );
}
