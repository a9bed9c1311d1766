import { describe, expect, it } from 'vitest';
import { englishQatLine, parseQatLine } from './explain-qat';
import { QAT_LINE_SAMPLES, QAT_LINE_VARIANTS } from './testing/qat-lines';

describe('parseQatLine', () => {
  it.each(QAT_LINE_VARIANTS.map((l) => [l.code, l] as const))('reads back the data of a %s sentence', (_code, l) => {
    expect(parseQatLine(englishQatLine(l))).toEqual(l);
  });

  it('gives nothing for a sentence the core does not write', () => {
    expect(parseQatLine('QAT did something else.')).toBeUndefined();
    const changed = englishQatLine(QAT_LINE_SAMPLES['qat-kernel']).replace('post-training file', 'float file');
    expect(parseQatLine(changed)).toBeUndefined();
  });
});
