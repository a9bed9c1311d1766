import { describe, expect, it } from 'vitest';
import { englishQatLine, parseQatLine, type QatSummaryLine } from './explain-qat';

const LINES: QatSummaryLine[] = [
  { code: 'qat-trained', epochs: 1, images: 60000 },
  { code: 'qat-trained', epochs: 3, images: 120000 },
  { code: 'qat-kernel', name: 'conv2d_0/kernel', moved: '3.4 %', codesChanged: '12.5 %' },
  {
    code: 'qat-range',
    tensor: 'dense_0/Relu',
    narrower: true,
    qat: ['0.000', '7.81'],
    ptq: ['0.000', '11.2'],
    qatStep: '0.0306',
    ptqStep: '0.0439',
  },
  {
    code: 'qat-range',
    tensor: 'conv2d_1/BiasAdd',
    narrower: false,
    qat: ['-3.12', '4.50'],
    ptq: ['-2.00', '4.01'],
    qatStep: '0.0299',
    ptqStep: '0.0236',
  },
  { code: 'qat-accuracy', before: '98.12 %', after: '98.40 %', simulated: '98.35 %' },
];

describe('parseQatLine', () => {
  it.each(LINES.map((l) => [l.code, l] as const))('reads back the data of a %s sentence', (_code, l) => {
    expect(parseQatLine(englishQatLine(l))).toEqual(l);
  });

  it('gives nothing for a sentence the core does not write', () => {
    expect(parseQatLine('QAT did something else.')).toBeUndefined();
    const changed = englishQatLine(LINES[2]!).replace('post-training file', 'float file');
    expect(parseQatLine(changed)).toBeUndefined();
  });
});
