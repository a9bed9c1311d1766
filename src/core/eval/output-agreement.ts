/**
 * Agreement of a quantized model with its float model when there are no labels (images the user dropped):
 * top-1 agreement (the share of images whose arg-max class is the same) and the output signal-to-noise
 * ratio in dB, 10 * log10(sum(ref^2) / sum((ref - test)^2)) over every output value (as TF's
 * QuantizationDebugger and ai-edge-quantizer's validation report it). Pure; outputs are [n, classes] rows.
 */

import type { OutputAgreementReport } from '../report/report';

/** Top-1 agreement and output SNR of `test` against `reference` (both [n, classes] flattened). */
export interface OutputAgreement {
  /** Images compared. */
  count: number;
  /** Fraction of images whose arg-max class matches the reference's, in [0, 1]. */
  top1Agreement: number;
  /** Output SNR in dB; Infinity when the outputs are identical. */
  snrDb: number;
}

/** Running sums for {@link outputAgreement}, so outputs can be compared chunk by chunk. */
export interface AgreementAccumulator {
  add(reference: Float32Array, test: Float32Array): void;
  result(): OutputAgreement;
}

function argmax(a: Float32Array, start: number, n: number): number {
  let best = start;
  for (let i = start + 1; i < start + n; i++) if (a[i] > a[best]) best = i;
  return best - start;
}

/** An accumulator over rows of `classes` values. */
export function agreementAccumulator(classes: number): AgreementAccumulator {
  let count = 0;
  let same = 0;
  let signal = 0;
  let noise = 0;
  return {
    add(reference, test) {
      if (reference.length !== test.length || reference.length % classes !== 0)
        throw new Error(`outputs of ${reference.length} and ${test.length} values are not rows of ${classes}`);
      for (let r = 0; r < reference.length; r += classes) {
        if (argmax(reference, r, classes) === argmax(test, r, classes)) same++;
        count++;
      }
      for (let i = 0; i < reference.length; i++) {
        const d = reference[i] - test[i];
        signal += reference[i] * reference[i];
        noise += d * d;
      }
    },
    result() {
      const snrDb = noise === 0 ? Infinity : 10 * Math.log10(signal / noise);
      return { count, top1Agreement: count === 0 ? 0 : same / count, snrDb };
    },
  };
}

/** {@link agreementAccumulator} over one pair of output arrays. */
export function outputAgreement(reference: Float32Array, test: Float32Array, classes: number): OutputAgreement {
  const acc = agreementAccumulator(classes);
  acc.add(reference, test);
  return acc.result();
}

/** The report.json form of an agreement (JSON has no Infinity: identical outputs give null). */
export function agreementReport(a: OutputAgreement, engine: string): OutputAgreementReport {
  return {
    images: a.count,
    top1_agreement: a.top1Agreement,
    output_snr_db: Number.isFinite(a.snrDb) ? a.snrDb : null,
    engine,
  };
}
