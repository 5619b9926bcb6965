import type { Readable } from 'node:stream';
import type { StatsSample } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import type { Connectors } from '../../connectors/connectors';
import { readJsonLines } from '../fleet/json-lines';
import { toStatsSample, type DockerStatsJson } from './docker-stats';

/** Live stats: one Docker stats stream per container for as long as someone watches. */
export class StatsService {
  constructor(private readonly connectors: Connectors) {}

  /** Streams samples of the given containers; returns a stop function. */
  watch(
    containers: Array<{ engine: string; id: string }>,
    onSample: (sample: StatsSample) => void,
    onError: (engine: string, id: string, error: unknown) => void,
  ): () => void {
    const streams: Readable[] = [];
    let stopped = false;
    for (const ref of containers) {
      const engine = this.connectors.docker.find((e) => e.name === ref.engine);
      if (!engine) {
        onError(ref.engine, ref.id, new RpcError('NOT_FOUND', `Unknown Docker engine: ${ref.engine}`));
        continue;
      }
      engine
        .stats(ref.id)
        .then((readable) => {
          if (stopped) return void readable.destroy();
          streams.push(readable);
          return readJsonLines(readable, (json) => onSample(toStatsSample(ref.engine, ref.id, json as DockerStatsJson)));
        })
        .catch((error: unknown) => {
          if (!stopped) onError(ref.engine, ref.id, error);
        });
    }
    return () => {
      stopped = true;
      for (const stream of streams) stream.destroy();
    };
  }
}
