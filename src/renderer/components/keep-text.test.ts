import { describe, expect, it } from 'vitest';
import { keepDistinct, keepLast, keepLastSegment, keepNothing, keepPort, keepTrailingNumber, splitKept } from './keep-text';

const kept = (text: string, range: readonly [number, number]) => splitKept(text, range)[1];

describe('the part of a text that stays visible when it is cut', () => {
  it('keeps what tells two engines apart', () => {
    const engines = ['lab-engine-1', 'lab-engine-2'];
    expect(kept('lab-engine-1', keepDistinct('lab-engine-1', engines))).toBe('1');
    expect(kept('lab-engine-2', keepDistinct('lab-engine-2', engines))).toBe('2');
    expect(splitKept('lab-engine-2', keepDistinct('lab-engine-2', engines))).toEqual(['lab-engine-', '2', '']);
  });

  it('keeps numbers whole and finds the difference in the middle', () => {
    const engines = ['lab-engine-10', 'lab-engine-11', 'lab-engine-2'];
    expect(kept('lab-engine-10', keepDistinct('lab-engine-10', engines))).toBe('10');
    expect(kept('lab-engine-2', keepDistinct('lab-engine-2', engines))).toBe('2');
    const hosts = ['db-01.prod.example.com', 'db-02.prod.example.com'];
    expect(splitKept(hosts[0]!, keepDistinct(hosts[0]!, hosts))).toEqual(['db-', '01', '.prod.example.com']);
  });

  it('keeps the whole name when names share nothing or one starts the other', () => {
    expect(kept('alpha', keepDistinct('alpha', ['alpha', 'beta']))).toBe('alpha');
    expect(kept('web', keepDistinct('web', ['web', 'web-2']))).toBe('web');
    expect(kept('web-2', keepDistinct('web-2', ['web', 'web-2']))).toBe('2');
  });

  it('keeps nothing special for a name alone', () => {
    expect(keepDistinct('lab-engine-1', ['lab-engine-1'])).toEqual(keepNothing('lab-engine-1'));
    expect(splitKept('lab-engine-1', keepNothing('lab-engine-1'))).toEqual(['lab-engine-1', '', '']);
  });

  it('keeps the port of an endpoint and the end of a key', () => {
    expect(splitKept('127.0.0.1:30205', keepPort('127.0.0.1:30205'))).toEqual(['127.0.0.1', ':30205', '']);
    expect(kept('[::1]:8080', keepPort('[::1]:8080'))).toBe(':8080');
    expect(keepPort('no-port')).toEqual(keepNothing('no-port'));
    expect(keepPort('{"a":1,"b":"x"}')).toEqual(keepNothing('{"a":1,"b":"x"}'));
    expect(kept('/order_PRE/127.0.0.1-30205', keepLastSegment('/order_PRE/127.0.0.1-30205'))).toBe('127.0.0.1-30205');
    expect(kept('/order_PRE/', keepLastSegment('/order_PRE/'))).toBe('order_PRE/');
    expect(kept('127.0.0.1-30205', keepTrailingNumber('127.0.0.1-30205'))).toBe('-30205');
    expect(kept('config.yaml', keepTrailingNumber('config.yaml'))).toBe('');
    expect(kept('2874600751569343999', keepLast('2874600751569343999', 6))).toBe('343999');
    expect(kept('42', keepLast('42', 6))).toBe('42');
  });
});
