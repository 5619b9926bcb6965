import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetContainer, FleetEvent } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { startEngineSims, type EngineSimFleet } from '../../../../test-support/engine-sim/engine-sims';
import { testContext } from '../../../../test-support/test-context';

/**
 * Port discovery after the rows, against engine simulators (no lab needed): their exec endpoint
 * answers the console's discovery script with the port each simulated replica listens on.
 */
describe('ports are looked for after the fleet is complete', () => {
  const PER_ENGINE = 40;
  let sims: EngineSimFleet;
  let context: AppContext;
  const events: Array<{ event: FleetEvent; at: number }> = [];
  let rowsKnownAt = NaN;
  let pendingWhenRowsKnown = 0;
  const destroyed: string[] = [];
  let off: () => void = () => undefined;

  beforeAll(async () => {
    sims = await startEngineSims(2, { containers: PER_ENGINE, exitedShare: 0.1 });
    context = await testContext(readFileSync(sims.profilePath, 'utf8'));
    off = context.fleet.subscribe((event) => {
      events.push({ event, at: performance.now() });
      // The first full snapshot of sim-001: its two newest running replicas (their discovery under
      // way) and its oldest (queued) are removed before their answers come.
      if (event.kind === 'snapshot' && !event.partial && event.engine === sims.sims[0]!.name && destroyed.length === 0) {
        const pending = event.containers.filter((c) => c.portsPending).sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
        for (const row of [pending[0]!, pending[1]!, pending.at(-1)!]) {
          destroyed.push(row.id);
          sims.sims[0]!.destroy(row.id);
        }
      }
      if (Number.isNaN(rowsKnownAt) && context.fleet.allKnown()) {
        rowsKnownAt = performance.now();
        pendingWhenRowsKnown = sims.sims.flatMap((s) => context.fleet.feed(s.name)?.list() ?? []).filter((r) => r.portsPending).length;
      }
    });
  });
  afterAll(async () => {
    off();
    context?.close();
    await sims?.close();
  });

  it('is complete once inspected, with running host-network rows pending, and their ports arrive as upserts', async () => {
    expect(await context.fleet.whenKnown(30_000)).toBe(true);
    expect(context.fleet.allKnown()).toBe(true);
    expect(await context.fleet.whenKnown(30_000, 'ports')).toBe(true);
    const portsKnownAt = performance.now();
    // Complete came first, with rows still waiting for their ports.
    expect(pendingWhenRowsKnown).toBeGreaterThan(0);
    expect(rowsKnownAt).toBeLessThan(portsKnownAt);

    for (const sim of sims.sims) {
      const rows = context.fleet.feed(sim.name)!.list();
      const expected = sim.containers();
      expect(rows.map((r) => r.id).sort()).toEqual(expected.map((c) => c.id).sort());
      for (const c of expected) {
        const row = rows.find((r) => r.id === c.id)!;
        expect(row.portsPending, row.name).toBeUndefined();
        expect(row.ports, row.name).toEqual(row.state === 'running' ? [c.port] : []);
      }
      // Each running row went out pending in the engine's full snapshot, then once more as an upsert with its port.
      const full = events.find(({ event }) => event.kind === 'snapshot' && !event.partial && event.engine === sim.name)!.event as Extract<FleetEvent, { kind: 'snapshot' }>;
      const upserts = events.map(({ event }) => event).filter((e): e is Extract<FleetEvent, { kind: 'upsert' }> => e.kind === 'upsert' && e.container.engine === sim.name);
      for (const row of full.containers) {
        if (row.state !== 'running') {
          expect(row.portsPending, row.name).toBeUndefined();
          continue;
        }
        expect(row.portsPending, row.name).toBe(true);
        if (destroyed.includes(row.id)) continue;
        const mine = upserts.filter((u) => u.container.id === row.id);
        expect(mine.map((u) => u.container.ports), row.name).toEqual([[sim.find(row.id)!.port]]);
      }
    }
  });

  it('drops the discovery of a container destroyed meanwhile: removed once, never brought back', () => {
    expect(destroyed).toHaveLength(3);
    const rows = context.fleet.feed(sims.sims[0]!.name)!.list();
    for (const id of destroyed) {
      expect(rows.find((r) => r.id === id)).toBeUndefined();
      const removed = events.findIndex(({ event }) => event.kind === 'remove' && event.id === id);
      expect(removed, id).toBeGreaterThan(-1);
      const after = events.slice(removed).filter(({ event }) => event.kind === 'upsert' && event.container.id === id);
      expect(after).toEqual([]);
    }
  });

  it('a replica started later is pending at first, then gets its port', async () => {
    const sim = sims.sims[1]!;
    const seen: FleetContainer[] = [];
    const offLate = context.fleet.subscribe((event) => {
      if (event.kind === 'upsert' && event.container.name.startsWith('late_')) seen.push(event.container);
    });
    try {
      const c = sim.add({ project: 'late', service: 'late' });
      const deadline = Date.now() + 10_000;
      while (!seen.some((r) => r.id === c.id && !r.portsPending && r.ports.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const mine = seen.filter((r) => r.id === c.id);
      expect(mine[0]!.portsPending).toBe(true);
      expect(mine.at(-1)).toMatchObject({ state: 'running', ports: [c.port] });
      expect(mine.at(-1)!.portsPending).toBeUndefined();
      expect(context.fleet.portsKnown()).toBe(true);
    } finally {
      offLate();
    }
  });
});
