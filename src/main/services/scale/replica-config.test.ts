import type { ContainerInspect } from '../../connectors/docker/docker-engine';
import { describe, expect, it } from 'vitest';
import { cloneReplicaConfig, pickFreePort, portVariables } from './replica-config';

const source = {
  Config: {
    Image: 'app:1',
    Cmd: ['run'],
    Entrypoint: null,
    Env: ['APP_NAME=search', 'SERVER_PORT=31000', 'PORTAL=x', 'ENVIRONMENT=PRE'],
    WorkingDir: '/app',
    User: '',
    Labels: { 'com.docker.compose.project': 'pre', 'com.docker.compose.service': 'search', 'com.docker.compose.container-number': '1' },
  },
  HostConfig: { NetworkMode: 'host', RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 }, Memory: 268435456, NanoCpus: 0, CpuShares: 0, PidsLimit: null, Binds: null, LogConfig: { Type: 'json-file', Config: {} } },
} as unknown as ContainerInspect;

describe('cloning a replica', () => {
  it('keeps image, command, env, labels, host network, restart policy and limits; sets the number, name and new port', () => {
    const config = cloneReplicaConfig(source, 'pre_search_3', 3, 34567);
    expect(config).toMatchObject({
      name: 'pre_search_3',
      Image: 'app:1',
      Cmd: ['run'],
      Env: ['APP_NAME=search', 'SERVER_PORT=34567', 'PORTAL=x', 'ENVIRONMENT=PRE'],
      Labels: { 'com.docker.compose.service': 'search', 'com.docker.compose.container-number': '3' },
      HostConfig: { NetworkMode: 'host', RestartPolicy: { Name: 'unless-stopped' }, Memory: 268435456 },
    });
  });
  it('finds port variables and free ports', () => {
    expect(portVariables(source.Config.Env!)).toEqual([{ name: 'SERVER_PORT', value: 31000 }]);
    expect(pickFreePort(new Set([30000]), () => 0)).toBe(30001);
    expect(() => pickFreePort(new Set([30000, 30001]), () => 0, 30000, 30001)).toThrow(/No free port/);
  });
});
