import { describe, expect, it } from 'vitest';
import type { ContainerInspect, ContainerListEntry } from '../../connectors/docker/docker-engine';
import { toFleetContainer } from './fleet-container';

const listed = { Id: 'c1', Names: ['/prod_user_2'], Image: 'lab/busybox:1', State: 'running', Status: 'Up 3 seconds', Created: 1, Labels: {}, Ports: [], HostConfig: { NetworkMode: 'host' } } as unknown as ContainerListEntry;
const inspected = (status: string, running: boolean, exitCode = 0) =>
  ({ State: { Status: status, Running: running, ExitCode: exitCode, StartedAt: '2026-11-30T05:00:00Z', FinishedAt: '0001-01-01T00:00:00Z' }, RestartCount: 0, Config: { Env: [] } }) as unknown as ContainerInspect;

describe('a fleet row', () => {
  it("takes the container's state from inspect when Docker's list still says running after it died", () => {
    const row = toFleetContainer('e1', listed, inspected('exited', false, 137));
    expect(row).toMatchObject({ state: 'exited', status: 'Exited (137)', exitCode: 137 });
  });
  it("keeps the list's state and status when inspect agrees, or is missing", () => {
    expect(toFleetContainer('e1', listed, inspected('running', true))).toMatchObject({ state: 'running', status: 'Up 3 seconds' });
    expect(toFleetContainer('e1', listed, undefined)).toMatchObject({ state: 'running', status: 'Up 3 seconds' });
  });
});
