import { describe, expect, it } from 'vitest';
import { DEPLOY_TARGETS, fitTarget, parseTarget } from './targets';

describe('parseTarget', () => {
  it.each(DEPLOY_TARGETS.map((t) => [t.id, t] as const))('%s', (id, t) => expect(parseTarget(id)).toBe(t));

  it('reads custom RAM and flash in KB', () => {
    expect(parseTarget('custom:96:512')).toMatchObject({ ramKb: 96, flashKb: 512 });
  });

  it.each(['custom:0:512', 'custom:96', 'stm32', 'custom:a:b'])('rejects %s', (id) => {
    expect(() => parseTarget(id)).toThrow(/unknown target .* custom:RAM_KB:FLASH_KB/);
  });
});

describe('fitTarget', () => {
  const m0 = parseTarget('m0-32k');
  it('fits exactly at the capacity and says by how much it misses otherwise', () => {
    expect(fitTarget(m0, 32 * 1024, 1000)).toMatchObject({ fits: true, ramMarginBytes: 0 });
    expect(fitTarget(m0, 32 * 1024 + 1, 1000)).toMatchObject({ fits: false, ramMarginBytes: -1 });
    expect(fitTarget(m0, 100, 256 * 1024 + 5)).toMatchObject({ fits: false, flashMarginBytes: -5 });
  });
});
