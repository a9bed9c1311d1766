import { describe, expect, it } from 'vitest';
import { agreementAccumulator, agreementReport, outputAgreement } from './output-agreement';

const f = (...v: number[]) => Float32Array.from(v);

describe('outputAgreement', () => {
  const cases: [string, Float32Array, Float32Array, number, number][] = [
    ['identical', f(0.1, 0.9, 0.7, 0.3), f(0.1, 0.9, 0.7, 0.3), 1, Infinity],
    // Signal 0.01 + 0.81 + 0.36 + 0.16 = 1.34, noise 0.1^2 + 0.2^2 = 0.05: 14.28 dB; row 2 flips its class.
    ['one row flips', f(0.1, 0.9, 0.6, 0.4), f(0.1, 0.9, 0.5, 0.6), 0.5, 10 * Math.log10(1.34 / 0.05)],
    ['scaled by 2', f(1, 0), f(2, 0), 1, 0],
  ];
  it.each(cases)('%s', (_, ref, test, agreement, snr) => {
    const got = outputAgreement(ref, test, 2);
    expect(got.count).toBe(ref.length / 2);
    expect(got.top1Agreement).toBe(agreement);
    if (snr === Infinity) expect(got.snrDb).toBe(Infinity);
    else expect(got.snrDb).toBeCloseTo(snr, 4);
  });

  it('chunks add up to the whole', () => {
    const ref = Float32Array.from({ length: 60 }, (_, i) => Math.sin(i));
    const test = ref.map((v, i) => v + 0.05 * Math.cos(3 * i));
    const acc = agreementAccumulator(3);
    for (let s = 0; s < 60; s += 9) acc.add(ref.subarray(s, s + 9), test.subarray(s, s + 9));
    expect(acc.result().snrDb).toBeCloseTo(outputAgreement(ref, test, 3).snrDb, 10);
    expect(acc.result().top1Agreement).toBe(outputAgreement(ref, test, 3).top1Agreement);
  });

  it('refuses outputs that are not rows', () => {
    expect(() => outputAgreement(f(1, 2, 3), f(1, 2, 3), 2)).toThrow(/not rows of 2/);
  });
});

describe('agreementReport', () => {
  it('writes JSON-safe fields (identical outputs: SNR null)', () => {
    const same = outputAgreement(f(1, 0), f(1, 0), 2);
    expect(JSON.parse(JSON.stringify(agreementReport(same, 'e')))).toEqual({
      images: 1,
      top1_agreement: 1,
      output_snr_db: null,
      engine: 'e',
    });
    expect(agreementReport(outputAgreement(f(1, 0), f(2, 0), 2), 'e').output_snr_db).toBe(0);
  });
});
