/**
 * QAT summary lines as the core writes them, for tests: one per code (the i18n test renders each in both
 * languages) and the variants the round-trip parse test also reads back.
 */
import type { QatSummaryLine } from '../explain-qat';

type OnePerCode = { [K in QatSummaryLine['code']]: Extract<QatSummaryLine, { code: K }> };

export const QAT_LINE_SAMPLES: OnePerCode = {
  'qat-trained': { code: 'qat-trained', epochs: 1, images: 60000 },
  'qat-kernel': { code: 'qat-kernel', name: 'conv2d_0/kernel', moved: '3.4 %', codesChanged: '12.5 %' },
  'qat-range': {
    code: 'qat-range',
    tensor: 'dense_0/Relu',
    narrower: true,
    qat: ['0.000', '7.81'],
    ptq: ['0.000', '11.2'],
    qatStep: '0.0306',
    ptqStep: '0.0439',
  },
  'qat-accuracy': { code: 'qat-accuracy', before: '98.12 %', after: '98.40 %', simulated: '98.35 %' },
};

/** Every sample, plus a plural count and a range that widened. */
export const QAT_LINE_VARIANTS: QatSummaryLine[] = [
  ...Object.values(QAT_LINE_SAMPLES),
  { code: 'qat-trained', epochs: 3, images: 120000 },
  {
    code: 'qat-range',
    tensor: 'conv2d_1/BiasAdd',
    narrower: false,
    qat: ['-3.12', '4.50'],
    ptq: ['-2.00', '4.01'],
    qatStep: '0.0299',
    ptqStep: '0.0236',
  },
];
