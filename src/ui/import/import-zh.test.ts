import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { imageToModelInput } from '../../core/import/calibration-pixels';
import { ModelImportError } from '../../core/import/model-file';
import type { TrainedModel } from '../../core/model/trained-model';
import { CoreSentence } from '../i18n/CoreSentence';
import { coreFailure } from '../i18n/core-text';
import { startTestI18n } from '../i18n/test-i18n';
import { DEFAULT_QUANT_SETTINGS } from '../state/lab-state';
import { CalibrationImages } from './CalibrationImages';
import { UnlabelledModes } from './UnlabelledModes';
import type { useCalibrationImages } from './use-calibration-images';
import type { useUnlabelledQuantization } from './use-unlabelled-quantization';

startTestI18n('zh-TW');

const CJK = /[\u4e00-\u9fff]/;
/** The markup without the parts marked lang="en" (single elements without children here). */
const outsideEnglish = (html: string) => html.replace(/<span lang="en">[^<]*<\/span>/g, '');

/** The failure a real core call throws. */
function thrown(f: () => unknown) {
  try {
    f();
  } catch (e) {
    return coreFailure(e);
  }
  throw new Error('did not throw');
}

describe('import errors on the zh-TW page', () => {
  it('a raw library message is the only part marked English', () => {
    const e = new ModelImportError({ code: 'import-zip-unreadable', file: 'm.keras', raw: 'invalid zip data' });
    const html = renderToStaticMarkup(createElement(CoreSentence, { failure: coreFailure(e) }));
    expect(html).toMatch(/^<span>m\.keras .*解壓縮.*<span lang="en">invalid zip data<\/span><\/span>$/);
    expect(outsideEnglish(html)).not.toContain('invalid');
  });

  it('a calibration image drop that cannot be a model input says so in zh-TW', () => {
    const failure = thrown(() => imageToModelInput({ width: 1, height: 1, data: new Uint8Array(4) }, [8, 8, 4], '0-1'));
    const calibration = {
      images: undefined,
      range: '0-1',
      setRange: () => {},
      notice: { kind: 'failed', failure },
      addFiles: async () => {},
      decoding: undefined,
      cancel: () => {},
    } as ReturnType<typeof useCalibrationImages>;
    const html = renderToStaticMarkup(
      createElement(CalibrationImages, { shape: [8, 8, 4], calibration, disabled: false, restored: false }),
    );
    const error = /data-testid="calibration-error">(.*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(error).toContain('模型輸入 [8, 8, 4] 不是影像');
    expect(error).not.toContain('lang="en"');
  });

  it('a stopped run and a mode LiteRT.js refused are written in zh-TW from their problems', () => {
    const model = { source: { kind: 'keras', file: 'cifar.keras' } } as TrainedModel;
    const failed = coreFailure(new ModelImportError({ code: 'import-image-values', image: 2, values: 3, per: 12 }));
    const quantization = {
      state: { status: 'failed', ...failed },
      results: {
        model,
        modes: ['int8'],
        images: 4,
        range: '0-1',
        done: {},
        errors: {
          int8: {
            message: 'LiteRT.js rejected the model (compile the model): ...',
            problem: { code: 'litert-allocate', stage: 'compile the model' },
          },
        },
      },
      quantize: async () => {},
      cancel: () => {},
    } as unknown as ReturnType<typeof useUnlabelledQuantization>;
    const html = renderToStaticMarkup(
      createElement(UnlabelledModes, {
        model,
        range: '0-1',
        settings: DEFAULT_QUANT_SETTINGS,
        quantization,
        disabled: false,
      }),
    );
    const stopped = /data-testid="unlabelled-failed">(.*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(stopped).toContain('執行中止');
    expect(stopped).toContain('第 2 張圖片有 3 個數值，應該是 12 個。');
    const row = /data-testid="unlabelled-error-int8">(.*?)<\/td>/.exec(html)?.[1] ?? '';
    expect(row).toMatch(CJK);
    expect(row).toContain('LiteRT.js 拒絕了這個模型');
    expect(html).not.toContain('lang="en"');
  });
});
