import type { ContainerInspect, ContainerListEntry } from '../../connectors/docker/docker-engine';
import type { ContainerState, FleetContainer } from '../../../shared/domain';
import { STATES, toContainerSummary } from '../containers/containers-service';
import { environmentOf } from '../containers/container-environment';

function time(value: string | undefined): number | undefined {
  if (!value || value.startsWith('0001-')) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** A fleet row from Docker's list entry and its inspect data (ports: the published ones; those found listening follow, see withDiscoveredPorts). */
export function toFleetContainer(
  engine: string,
  info: ContainerListEntry,
  inspect: ContainerInspect | undefined,
): FleetContainer {
  const summary = toContainerSummary(engine, info);
  // Docker's list reads a copy of the containers' state that can lag their events (a list asked for
  // right after a `die` may still say running, and no later event corrects it); inspect reads the
  // container itself, so its state wins.
  const inspected = inspect?.State.Status as ContainerState | undefined;
  if (inspect && inspected && STATES.includes(inspected) && inspected !== summary.state) {
    summary.state = inspected;
    summary.status = inspect.State.Running ? 'Up' : inspected === 'exited' ? `Exited (${inspect.State.ExitCode})` : inspected;
  }
  const published = (info.Ports ?? []).map((p) => p.PublicPort ?? p.PrivatePort).filter((p): p is number => typeof p === 'number');
  return {
    ...summary,
    restartCount: inspect?.RestartCount,
    startedAt: time(inspect?.State.StartedAt),
    finishedAt: time(inspect?.State.FinishedAt),
    exitCode: inspect?.State.ExitCode,
    environment: environmentOf(inspect?.Config.Env, info.Labels),
    ports: mergedPorts(published, []),
    networkMode: info.HostConfig?.NetworkMode,
  };
}

/** The row with its ports looked for: the published ones and those found listening. */
export function withDiscoveredPorts(row: FleetContainer, published: readonly number[], discovered: readonly number[]): FleetContainer {
  const { portsPending: _pending, ...rest } = row;
  return { ...rest, ports: mergedPorts(published, discovered) };
}

function mergedPorts(published: readonly number[], discovered: readonly number[]): number[] {
  return [...new Set([...published, ...discovered])].sort((a, b) => a - b);
}
