/** The English sentence of each finding (the CLI's and the English page's), written from its message. */
import type { LabMode } from '../modes/lab-modes';
import type { FindingKey, FindingMessage, MessageOf, Sizes, Speeds } from './finding-message';

/** Why a suggested mode might fix a drop, per mode. */
export const WHY_NEXT: Record<LabMode, string> = {
  float32: 'no quantization at all',
  float16: 'keeps float maths and still halves the size',
  dynamic: 'quantizes only the weights and measures activations on the fly',
  int8: 'full int8 with calibrated activation ranges',
  'int8-io': 'full int8 including input and output',
  int16x8: 'keeps int8 weights but gives activations 16 bits',
  'dynamic-int4': 'stores weights in 4 bits and keeps float activations',
  int4: 'halves the int8 weights again, to 4 bits, with int8 activations',
  qat: 'retrains with int8 rounding simulated, so the weights adapt to it',
};

const pct = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;
const points = (p: number) => `${p.toFixed(2)} percentage point${Math.abs(p) === 1 ? '' : 's'}`;
const ms = (v: number) => `${v < 1 ? v.toFixed(3) : v.toFixed(2)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const bytes = (n: number) => n.toLocaleString('en-US');
const change = (m: { floatAccuracy: number; accuracy: number }) => `${pct(m.floatAccuracy)} -> ${pct(m.accuracy)}`;
const smaller = (m: Sizes) =>
  `${m.ratio.toFixed(1)}x smaller than float32 (${bytes(m.bytes)} vs ${bytes(m.floatBytes)} bytes)`;
const versus = (m: Speeds) => `${ms(m.modeMs)} vs ${ms(m.floatMs)} median`;

const SENTENCES: { [K in FindingKey]: (m: MessageOf<K>) => string } = {
  prerequisite: (m) => m.text,
  missing: (m) => `There is no measurement for ${m.mode} yet: run the recommendation first.`,
  'accuracy-no-lower': (m) =>
    `${m.mode} scores ${pct(m.accuracy)}, no lower than the float model (${pct(m.floatAccuracy)}).`,
  'accuracy-within': (m) =>
    `${m.mode} loses ${points(m.dropPoints)} (${change(m)}), within your ${m.tolerance}-point tolerance.`,
  'accuracy-drop': (m) => {
    const tries = m.next.map(({ mode, measured }) =>
      measured
        ? `${mode} (${WHY_NEXT[mode]}) measured ${pct(measured.accuracy)}, a drop of ${points(measured.dropPoints)}${measured.withinTolerance ? ', within tolerance' : ', also too much'}`
        : `try ${mode} next (${WHY_NEXT[mode]})`,
    );
    const next = tries.length
      ? ` Next: ${tries.join('; ')}.`
      : ' Try more quantization-aware training epochs, or accept float32 for this model.';
    return `${m.mode} loses ${points(m.dropPoints)} (${change(m)}), more than your ${m.tolerance}-point tolerance.${next}`;
  },
  'float-mismatch': (m) =>
    `The float32 .tflite scores ${pct(m.runtimeAccuracy)} in the runtime against ${pct(m.tfjsAccuracy)} in TF.js; drops here are measured against TF.js.`,
  'size-ok': (m) => `${m.mode} is ${smaller(m)}, as promised (~${m.promised}x).`,
  'size-short': (m) =>
    `${m.mode} is only ${smaller(m)}, short of the ~${m.promised}x promised. ` +
    'The promise counts weights only: the graph, metadata, biases and any tensors left in float are a fixed cost that weighs more in a small model.',
  'speed-unmeasured': () => 'Latency was not measured for this comparison.',
  'target-not-measured': (m) =>
    `The lab measures latency on this computer's CPU (WebAssembly), not on ${m.target === 'gpu' ? 'a GPU' : 'an Edge TPU or microcontroller'}; the speed there can differ a lot.`,
  'speed-slower-unexpected': (m) =>
    `Expected faster, but ${m.mode} ran ${m.ratio.toFixed(2)}x slower than float32 here (${versus(m)}). ` +
    "On a desktop CPU the runtime's float path (XNNPACK, with SIMD) is very optimised, and in a model this small fixed per-op costs dominate; " +
    'integer kernels pay off on mobile CPUs, microcontrollers and Edge TPUs.',
  'speed-same-unexpected': (m) => `Expected faster, but ${m.mode} ran about as fast as float32 here (${versus(m)}).`,
  'speed-slower-expected': (m) =>
    `${m.mode} ran ${m.ratio.toFixed(2)}x slower than float32 (${versus(m)}), as expected: its kernels are less optimised than int8 and float.`,
  'speed-slower-than-expected': (m) =>
    `${m.mode} ran ${m.ratio.toFixed(2)}x slower than float32 here (${versus(m)}), more than expected.`,
  'speed-ok': (m) => `${m.mode}: ${versus(m)} (${m.ratio.toFixed(2)}x the float32 time).`,
  dominated: (m) =>
    `On this model ${m.mode} did at least as well on every measure: ${bytes(m.bytes)} bytes, ` +
    `${ms(m.latencyMs)}, ${pct(m.accuracy)}. The tree gives the usual answer; your measurement is the final word.`,
  'float-gain': (m) => `${m.mode} would be ${m.ratio.toFixed(1)}x smaller for a drop of ${points(m.dropPoints)}.`,
  'deploy-fits': (m) =>
    `${m.mode} fits the ${m.target.name} (${m.target.ramKb} KB RAM, ${m.target.flashKb} KB flash): it needs ` +
    `${kb(m.ramBytes)} of RAM (arena ${kb(m.arenaBytes)} + interpreter estimate) and ${kb(m.flashBytes)} of flash, leaving ${kb(m.ramMarginBytes)} of RAM.`,
  'deploy-no-fit': (m) =>
    `${m.mode} does not run on the ${m.target.name} (${m.target.ramKb} KB RAM, ${m.target.flashKb} KB flash): ${m.reasons.join('; ')}.`,
  'edgetpu-ready': (m) =>
    `${m.mode}: the Edge TPU compiler would map ${m.mappedOps} op(s)${m.cpuOps.length ? `; ${m.cpuOps.join(', ')} stay on the CPU (float I/O)` : ''}.`,
  'edgetpu-fallback': (m) => `${m.mode} would not run on the Edge TPU as a whole: ${m.reasons.join('; ')}.`,
};

/** The English sentence for a finding's message. */
export function englishFinding(m: FindingMessage): string {
  return (SENTENCES[m.key] as (m: FindingMessage) => string)(m);
}
