import { describe, expect, it } from 'vitest';
import { rankEntities, searchByKind, scoreTerm, SCORE, searchTerms, type SearchEntity } from './entity-search';

interface E extends SearchEntity {
  id: string;
  kind: string;
}
const entity = (id: string, kind: string, ...terms: string[]): E => ({ id, kind, terms: searchTerms(...terms) });
const ids = (hits: { item: E }[]) => hits.map((h) => h.item.id);

describe('scoreTerm', () => {
  it('ranks exact > prefix > word start > substring > fuzzy > nothing', () => {
    expect(scoreTerm('prod_user_1', 'prod_user_1')).toBe(SCORE.exact);
    expect(scoreTerm('prod', 'prod_user_1')).toBe(SCORE.prefix);
    expect(scoreTerm('user', 'prod_user_1')).toBe(SCORE.wordStart);
    expect(scoreTerm('ser', 'prod_user_1')).toBe(SCORE.substring);
    const fuzzy = scoreTerm('pus', 'prod_user_1');
    expect(fuzzy).toBeGreaterThan(0);
    expect(fuzzy).toBeLessThan(SCORE.substring);
    expect(scoreTerm('xyz', 'prod_user_1')).toBe(0);
    expect(scoreTerm('', 'prod_user_1')).toBe(0);
  });

  it('treats / : . - as word breaks (keys, ip:port, images)', () => {
    expect(scoreTerm('127', '/user_prod/127.0.0.1-28001')).toBe(SCORE.wordStart);
    expect(scoreTerm('28001', '127.0.0.1:28001')).toBe(SCORE.wordStart);
    expect(scoreTerm('busybox', 'lab/busybox:1')).toBe(SCORE.wordStart);
  });

  it('scores tighter fuzzy matches higher', () => {
    expect(scoreTerm('psh', 'prod_search_1')).toBeGreaterThan(scoreTerm('psh', 'p_________s_________h'));
  });
});

describe('rankEntities', () => {
  const items: E[] = [
    entity('c-user1', 'container', 'prod_user_1', '0123456789ab', 'lab/busybox:1', 'prod/user'),
    entity('c-user2', 'container', 'prod_user_2', 'ba9876543210', 'lab/busybox:1', 'prod/user'),
    entity('c-search', 'container', 'prod_search_1', 'aaaabbbbcccc', 'lab/search:2', 'prod/search'),
    entity('svc-user', 'service', 'user_PROD', 'user'),
    entity('inst', 'instance', '127.0.0.1:28001', '/user_PROD/127.0.0.1-28001'),
    entity('problem', 'problem', 'High CPU on lab-engine-1', 'lab-engine-1'),
    entity('screen-logs', 'screen', 'Logs', 'logs', 'tail'),
  ];

  it('puts the exact name first, then prefixes, then word starts', () => {
    expect(ids(rankEntities(items, 'prod_user_2'))[0]).toBe('c-user2');
    expect(ids(rankEntities(items, 'user_'))[0]).toBe('svc-user');
    expect(ids(rankEntities(items, 'logs'))[0]).toBe('screen-logs');
  });

  it('finds a container by short id and image, an instance by ip:port and by key', () => {
    expect(ids(rankEntities(items, 'ba98765'))[0]).toBe('c-user2');
    expect(ids(rankEntities(items, 'lab/search'))[0]).toBe('c-search');
    expect(ids(rankEntities(items, '127.0.0.1:28001'))[0]).toBe('inst');
    expect(ids(rankEntities(items, '/user_PROD/127.0.0.1-28001'))[0]).toBe('inst');
  });

  it('finds a problem by words of its name, case-insensitively', () => {
    expect(ids(rankEntities(items, 'high cpu'))[0]).toBe('problem');
    expect(ids(rankEntities(items, 'CPU'))[0]).toBe('problem');
  });

  it('matches fuzzily, below every substring match', () => {
    const ranked = ids(rankEntities(items, 'psrch'));
    expect(ranked[0]).toBe('c-search');
  });

  it('keeps the given order among equal scores and honours the limit', () => {
    expect(ids(rankEntities(items, 'prod_user_', 1))).toEqual(['c-user1']);
    expect(ids(rankEntities(items, 'prod_user_')).slice(0, 2)).toEqual(['c-user1', 'c-user2']);
  });

  it('matches nothing for an empty or blank query', () => {
    expect(rankEntities(items, '   ')).toEqual([]);
  });

  it('keeps the best few of each kind, best first across kinds, at most the total', () => {
    const ranked = rankEntities(items, 'u');
    const capped = searchByKind(items, 'u', 1, 3);
    expect(capped.length).toBe(3);
    expect(new Set(capped.map((h) => h.item.kind)).size).toBe(3);
    // The same order as the full ranking, each kind's best only.
    expect(ids(capped)).toEqual(ids(ranked).filter((id) => capped.some((h) => h.item.id === id)));
    expect(ids(searchByKind(items, 'prod_user_', 5, 40))).toEqual(['c-user1', 'c-user2']);
  });
});

describe('10,000 entities', () => {
  const N = 10_000;
  const apps = ['user', 'order', 'search', 'payment', 'gateway', 'billing', 'report', 'auth'];
  const envs = ['PROD', 'PRE', 'TEST'];
  const hex = (n: number) => n.toString(16).padStart(12, '0');
  const many: E[] = [];
  for (let i = 0; i < N; i++) {
    const app = apps[i % apps.length]!;
    const env = envs[i % envs.length]!.toLowerCase();
    many.push(entity(`c${i}`, 'container', `${env}_${app}_${i}`, hex(i * 7919), `registry.local/${app}:${i % 13}`, `${env}/${app}`));
  }
  for (let i = 0; i < 2000; i++) many.push(entity(`i${i}`, 'instance', `127.0.0.1:${20000 + i}`, `/${apps[i % apps.length]}_PROD/127.0.0.1-${20000 + i}`));

  it('ranks the one container named exactly first, and stays fast', () => {
    expect(rankEntities(many, 'prod_payment_4251')[0]!.item.id).toBe('c4251');
    // The palette's own search, the best of 5 runs (a few ms on an idle core; the bound leaves room for a busy machine).
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const hits = searchByKind(many, 'prod_payment_4251', 5, 40);
      best = Math.min(best, performance.now() - started);
      expect(hits[0]!.item.id).toBe('c4251');
    }
    expect(best).toBeLessThan(100);
  });

  it('ranks a short id prefix, an ip:port and a fuzzy query', () => {
    expect(rankEntities(many, hex(777 * 7919).slice(0, 10))[0]!.item.id).toBe('c777');
    expect(rankEntities(many, '127.0.0.1:21234')[0]!.item.id).toBe('i1234');
    // The exact name before the longer names it is a prefix of ('test_auth_2303' …).
    expect(rankEntities(many, 'test_auth_23')[0]!.item.id).toBe('c23');
    // Fuzzy: the letters in order, the tightest fit first.
    expect(rankEntities(many, 'tstath23')[0]!.item.id).toBe('c23');
  });

  it('ranks each of 30 names spread over the 10,000 first', () => {
    for (let k = 0; k < 30; k++) {
      const i = (k * 48271) % N;
      const name = many[i]!.terms[0]!;
      expect(searchByKind(many, name, 5, 40)[0]!.item.id).toBe(`c${i}`);
    }
  });
});
