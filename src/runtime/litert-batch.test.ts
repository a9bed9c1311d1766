// The batched scoring copy (core/tflite/batch-copy.ts) in the real LiteRT.js in Node: its outputs for a batch
// are the file's own outputs for each image, byte for byte, and evaluateTflite scores with it only then.
import { beforeAll, describe, expect, it } from 'vitest';
import { batchedCopy } from '../core/tflite/batch-copy';
import { SMALL_GRAPHS, seededRandom, tutorialFloatGraph } from '../core/tflite/testing/graph-fixtures';
import { writeTflite } from '../core/tflite/write-tflite';
import { takeFirst } from '../core/mnist/dataset';
import { loadLiteRtForNode } from '../node/litert-node';
import { loadMnistFromIdx } from '../node/mnist-node';
import { defaultInputRange, evaluateTflite, outputArgmax, pixelEncoder, SCORING_BATCH } from './litert-eval';
import { LiteRtModelSession } from './litert-model';

beforeAll(async () => {
  await loadLiteRtForNode();
});

/** `n` inputs of `session`'s input tensor: reals in [0, 1) for float32, any bit pattern for integer types. */
function randomInputs(session: LiteRtModelSession, n: number, seed: number): Uint8Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    if (session.input.type === 'float32')
      return new Uint8Array(Float32Array.from({ length: session.inputSize }, () => random()).buffer);
    const width = { int8: 1, uint8: 1, int16: 2, int32: 4 }[session.input.type];
    return Uint8Array.from({ length: session.inputSize * width }, () => Math.floor(random() * 256));
  });
}

describe('the batched copy in LiteRT.js', () => {
  const graphs = { tutorialFloat: () => tutorialFloatGraph(), ...SMALL_GRAPHS };
  for (const [name, graph] of Object.entries(graphs)) {
    it(`${name}: one run of 7 images gives each image's own output bytes`, async () => {
      const bytes = writeTflite(graph());
      const single = await LiteRtModelSession.open(bytes);
      const batched = await LiteRtModelSession.open(batchedCopy(bytes, 7)!);
      try {
        const inputs = randomInputs(single, 7, 11);
        const want = await Promise.all(inputs.map((x) => single.run(x)));
        const joined = new Uint8Array(inputs.reduce((a, x) => a + x.byteLength, 0));
        inputs.forEach((x, k) => joined.set(x, k * x.byteLength));
        const got = await batched.run(joined);
        const width = want[0]!.byteLength;
        expect(got.byteLength).toBe(7 * width);
        want.forEach((w, k) => expect([...got.subarray(k * width, (k + 1) * width)], `image ${k}`).toEqual([...w]));
      } finally {
        single.delete();
        batched.delete();
      }
    });
  }
});

describe('evaluateTflite with the batched copy', () => {
  it('scores real MNIST images as one-image runs do, timing only one-image runs', async () => {
    const test = takeFirst(loadMnistFromIdx().test, 3 * SCORING_BATCH + 17);
    const bytes = writeTflite(tutorialFloatGraph());
    const result = await evaluateTflite(bytes, test.images, test.labels, { latencySamples: 20 });
    expect(result.imagesPerRun).toBe(SCORING_BATCH);
    expect(result.latency.samples).toBe(20);

    const session = await LiteRtModelSession.open(bytes);
    const encode = pixelEncoder(test.images, session.input, defaultInputRange(bytes));
    const classOf = outputArgmax(session.output);
    const want: number[] = [];
    for (let i = 0; i < test.labels.length; i++) want.push(classOf(await session.run(encode(i))));
    session.delete();
    expect([...result.predictions]).toEqual(want);
    expect(result.correct).toBe(want.filter((c, i) => c === test.labels[i]).length);
    expect(result.count).toBe(test.labels.length);
  });

  it('runs every image alone when there are too few for a batch after the timed ones', async () => {
    const test = takeFirst(loadMnistFromIdx().test, SCORING_BATCH + 5);
    const result = await evaluateTflite(writeTflite(tutorialFloatGraph()), test.images, test.labels, {
      latencySamples: 10,
    });
    expect(result.imagesPerRun).toBe(1);
    expect(result.count).toBe(SCORING_BATCH + 5);
  });
});
