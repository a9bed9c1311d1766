import { describe, expect, it } from 'vitest';
import { explainLiteRtError, stripInternalPaths } from './runtime-errors';

// What LiteRT.js 2.5.3 really says (captured from files TensorFlow's converter wrote).
const DYNAMIC =
  'ERROR: [./third_party/odml/litert/litert/cc/litert_ranked_tensor_type.h:73]\n└ ERROR: [./third_party/odml/litert/litert/cc/litert_layout.h:140]';

describe('LiteRT.js errors as sentences', () => {
  it.each([
    [DYNAMIC, /only known at run time .* pin a -1 batch to 1/],
    [
      'Encountered unresolved custom op: edgetpu-custom-op.',
      /custom operator edgetpu-custom-op, which this runtime has no code for/,
    ],
    ["Didn't find op for builtin opcode 'GELU' version '2'", /no kernel for GELU version 2/],
    ['Failed to allocate tensors', /\('Failed to allocate tensors'\): the shapes of some layer do not fit together/],
    ['ERROR: [./third_party/x/y.cc:12] something odd', /saying “something odd”\. The file may use/],
    ['ERROR: [./third_party/x/y.cc:12]', /without saying why\. The file may use/],
  ])('%s', (raw, sentence) => {
    const message = explainLiteRtError('compile the model', raw);
    expect(message).toMatch(/^LiteRT\.js rejected the model \(it failed to compile the model\)/);
    expect(message).toMatch(sentence);
    expect(message).not.toMatch(/third_party|\.h:\d+|\.cc:\d+|ERROR:/);
    expect(message).toMatch(/\.$/);
  });

  it('strips source paths, log prefixes and tree glyphs', () => {
    expect(stripInternalPaths(DYNAMIC)).toBe('');
    expect(stripInternalPaths('INFO: [tensorflow/lite/core/x.cc:85] Created delegate')).toBe('Created delegate');
  });
});
