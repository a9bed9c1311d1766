/**
 * The inspector's view must survive any file: thousands of mutated .tflite files are inspected and, when
 * readable, rendered (server-side, no DOM) with every table, list and the weight histogram. Nothing may throw
 * and the whole run must stay fast (no hang on absurd declared sizes).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SMALL_GRAPHS, seededRandom, tutorialFloatGraph } from '../../core/tflite/testing/graph-fixtures';
import { writeTflite } from '../../core/tflite/write-tflite';
import { constantChoices, inspectFile, mnistFit, tensorHistogram } from './inspector-model';
import { planRun } from '../../core/tflite/run-plan';
import { RunStatus } from './RunStatus';
import { InspectorView } from './InspectorView';
import { startTestI18n } from '../i18n/test-i18n';

startTestI18n();

const HUGE = [0xffffffff, 0xfffffff0, 0x7fffffff, 0x80000000, 4_000_000_000, 0x10000, 0xffff];

function mutate(base: Uint8Array, rand: () => number): Uint8Array {
  const int = (n: number): number => Math.floor(rand() * n);
  const out = base.slice();
  switch (int(4)) {
    case 0:
      for (let k = 1 + int(8); k > 0; k--) out[int(out.length)] = int(256);
      return out;
    case 1:
      return base.slice(0, int(base.length));
    case 2: {
      const at = int(out.length >> 2) << 2;
      new DataView(out.buffer).setUint32(at, (rand() < 0.8 ? HUGE[int(HUGE.length)]! : int(2 ** 32)) >>> 0, true);
      return out;
    }
    default: {
      const dv = new DataView(out.buffer);
      const at = int(out.length >> 1) << 1;
      dv.setUint16(at, (dv.getUint16(at, true) + int(9) - 4) & 0xffff, true);
      return out;
    }
  }
}

describe('inspector fuzz', () => {
  it('renders or rejects thousands of mutated files without throwing', () => {
    const bases = [
      writeTflite(tutorialFloatGraph()),
      ...Object.values(SMALL_GRAPHS).map((make) => writeTflite(make())),
    ];
    const rand = seededRandom(6);
    const counts = { rendered: 0, rejected: 0 };
    const perBase = 300;
    for (const [b, base] of bases.entries()) {
      for (let i = 0; i < perBase; i++) {
        const bytes = mutate(base, rand);
        const label = `base ${b} mutation ${i}`;
        try {
          const r = inspectFile(bytes, 'fuzz.tflite');
          if (!r.ok) {
            expect(r.message).toMatch(/^fuzz\.tflite is not a readable \.tflite model: /);
            counts.rejected++;
            continue;
          }
          mnistFit(r.info);
          const plan = planRun(bytes, r.info);
          renderToStaticMarkup(
            createElement(RunStatus, {
              loaded: { serial: 1, fileName: 'fuzz.tflite', bytes, info: r.info, plan },
              evaluation: { status: 'idle' },
              onCancel: () => undefined,
              onRange: () => undefined,
            }),
          );
          for (const c of constantChoices(r.info)) tensorHistogram(bytes, c.tensor, true, 32);
          const html = renderToStaticMarkup(
            createElement(InspectorView, { fileName: 'fuzz.tflite', bytes, info: r.info }),
          );
          expect(html).toContain('inspector-ops');
          counts.rendered++;
        } catch (e) {
          throw new Error(`${label}: ${e instanceof Error ? e.stack : String(e)}`, { cause: e });
        }
      }
    }
    expect(counts.rendered).toBeGreaterThan(100);
    expect(counts.rejected).toBeGreaterThan(100);
  }, 120_000);
});
