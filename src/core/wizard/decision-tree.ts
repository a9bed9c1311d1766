/**
 * The "which mode should I use?" wizard as data: TF Lite's two decision trees (by hardware; by size and
 * accuracy, from the post-training quantization docs) merged into one. Functions that walk it live in
 * walk-tree.ts; the tree itself holds no logic so the UI, tests and docs read the same object.
 */

import type { LabMode } from '../modes/lab-modes';

export type NodeId = string;

export interface Answer {
  id: string;
  /** Learner-facing answer text. */
  label: string;
  /** Short form for the breadcrumb trail. */
  short: string;
  next: NodeId;
}

export interface Question {
  kind: 'question';
  id: NodeId;
  /** Short name for the breadcrumb trail, e.g. "Hardware". */
  label: string;
  text: string;
  help: string;
  answers: Answer[];
}

/** Where the learner's model will run; decides how much the lab's own latency measurement says. */
export type Target = 'cpu' | 'gpu' | 'integer-only' | 'any';

export interface Tradeoffs {
  /** Expected file size against float32, e.g. "~4x smaller". */
  size: string;
  speed: string;
  accuracy: string;
  /** Hardware the mode suits. */
  hardware: string;
}

export interface Leaf {
  kind: 'leaf';
  id: NodeId;
  mode: LabMode;
  title: string;
  /** Why this mode, in plain words. */
  reason: string;
  tradeoffs: Tradeoffs;
  target: Target;
  /** What the checks compare measurements against. */
  expected: {
    /** float32 bytes / this mode's bytes (TF docs: 4 for integer modes, 2 for float16). */
    sizeRatio: number;
    /** Latency against float32 on the target hardware. */
    speed: 'faster' | 'same' | 'slower';
  };
  /** Modes to try next when the accuracy drop exceeds the learner's tolerance, best first. */
  ifInaccurate: LabMode[];
  /** Modes measured beside the recommendation (float32 first unless this is float32). */
  compareWith: LabMode[];
  /** Something the learner must get before this mode works in their own project. */
  prerequisite?: string;
}

export type TreeNode = Question | Leaf;

export interface DecisionTree {
  root: NodeId;
  nodes: Record<NodeId, TreeNode>;
}

/**
 * The wizard tree's question ids and, per question, its answer ids, as literal types: the declarations below
 * are typed against them, so the UI's text tables (keyed by these ids) fail the typecheck when a question,
 * answer or leaf has no text. Adding a question or answer means adding its id here too.
 */
export interface WizardAnswerIds {
  optimize: 'yes' | 'no';
  hardware: 'cpu' | 'gpu' | 'edgetpu' | 'mcu';
  size: 'half' | 'quarter';
  'cpu-data': 'yes' | 'no';
  priority: 'speed' | 'accuracy';
  retrain: 'yes' | 'no';
  'integer-data': 'yes' | 'no';
  'integer-retrain': 'yes' | 'no';
}

export type WizardQuestionId = keyof WizardAnswerIds;

/** The wizard tree's leaf ids (see {@link WizardAnswerIds}). */
export type WizardLeafId =
  | 'leaf-float32'
  | 'leaf-gpu-float16'
  | 'leaf-cpu-float16'
  | 'leaf-cpu-dynamic'
  | 'leaf-cpu-int8'
  | 'leaf-cpu-int16x8'
  | 'leaf-cpu-qat'
  | 'leaf-integer-int8-io'
  | 'leaf-integer-qat'
  | 'leaf-integer-needs-data';

/** A question of the wizard tree: its id and its answers' ids are the literal ones. */
export type WizardQuestion = {
  [Q in WizardQuestionId]: Question & { id: Q; answers: (Answer & { id: WizardAnswerIds[Q] })[] };
}[WizardQuestionId];

/** A leaf of the wizard tree, with its literal id. */
export type WizardLeaf = Leaf & { id: WizardLeafId };

const INTEGER_HARDWARE = 'CPU (ARM and x86), Edge TPU, microcontrollers, DSPs and NPUs that run integer-only ops';

export const WIZARD_QUESTIONS: WizardQuestion[] = [
  {
    kind: 'question',
    id: 'optimize',
    label: 'Optimize',
    text: 'Does the model need to get smaller or faster than the plain float32 file?',
    help: 'Every quantization mode trades a little accuracy or effort for size and speed. If the float file already fits and runs fast enough, there is nothing to gain.',
    answers: [
      { id: 'yes', label: 'Yes, smaller or faster', short: 'optimize', next: 'hardware' },
      { id: 'no', label: 'No, it is fine as it is', short: 'keep float', next: 'leaf-float32' },
    ],
  },
  {
    kind: 'question',
    id: 'hardware',
    label: 'Hardware',
    text: 'Where will the model run?',
    help: 'Accelerators only run some number formats: a GPU prefers float16, an Edge TPU and most microcontroller kernels run integers only.',
    answers: [
      { id: 'cpu', label: 'A phone or desktop CPU', short: 'CPU', next: 'size' },
      { id: 'gpu', label: 'A mobile GPU (TFLite GPU delegate)', short: 'GPU', next: 'leaf-gpu-float16' },
      {
        id: 'edgetpu',
        label: 'An Edge TPU or another integer-only accelerator',
        short: 'Edge TPU',
        next: 'integer-data',
      },
      {
        id: 'mcu',
        label: 'A microcontroller (LiteRT for Microcontrollers)',
        short: 'microcontroller',
        next: 'integer-data',
      },
    ],
  },
  {
    kind: 'question',
    id: 'size',
    label: 'Size',
    text: 'How much smaller does the model need to be?',
    help: 'float16 halves the file and barely changes accuracy. The integer modes shrink it about 4x because every weight becomes one byte.',
    answers: [
      { id: 'half', label: 'About half the size is enough', short: '~2x', next: 'leaf-cpu-float16' },
      { id: 'quarter', label: 'As small as possible (about 4x)', short: '~4x', next: 'cpu-data' },
    ],
  },
  {
    kind: 'question',
    id: 'cpu-data',
    label: 'Data',
    text: 'Do you have representative data: a few hundred real inputs (no labels needed) to calibrate with?',
    help: 'Full integer quantization runs sample inputs through the model to measure the range of every activation. Without them, only the weights can be quantized ahead of time.',
    answers: [
      { id: 'yes', label: 'Yes, I have sample inputs', short: 'have data', next: 'priority' },
      { id: 'no', label: 'No sample inputs', short: 'no data', next: 'leaf-cpu-dynamic' },
    ],
  },
  {
    kind: 'question',
    id: 'priority',
    label: 'Priority',
    text: 'Full integer quantization usually costs a little accuracy. What matters more?',
    help: 'On a small MNIST model the drop is often well under one percentage point; on harder models it can be larger. Set the tolerance below to say how much you can lose.',
    answers: [
      { id: 'speed', label: 'Speed and size: a small drop is fine', short: 'speed', next: 'leaf-cpu-int8' },
      { id: 'accuracy', label: 'Accuracy: stay as close to float as possible', short: 'accuracy', next: 'retrain' },
    ],
  },
  {
    kind: 'question',
    id: 'retrain',
    label: 'Retrain',
    text: 'Can you retrain (fine-tune) the model?',
    help: 'Quantization-aware training simulates int8 rounding during training, so the weights learn to tolerate it. It needs the training pipeline, not just the trained file.',
    answers: [
      { id: 'yes', label: 'Yes, I can train it again', short: 'can retrain', next: 'leaf-cpu-qat' },
      { id: 'no', label: 'No, I only have the trained model', short: 'no retraining', next: 'leaf-cpu-int16x8' },
    ],
  },
  {
    kind: 'question',
    id: 'integer-data',
    label: 'Data',
    text: 'Do you have representative data: a few hundred real inputs (no labels needed) to calibrate with?',
    help: 'Integer-only hardware cannot run float ops, so every activation needs a fixed integer range, measured on sample inputs or learned during training.',
    answers: [
      { id: 'yes', label: 'Yes, I have sample inputs', short: 'have data', next: 'leaf-integer-int8-io' },
      { id: 'no', label: 'No sample inputs', short: 'no data', next: 'integer-retrain' },
    ],
  },
  {
    kind: 'question',
    id: 'integer-retrain',
    label: 'Retrain',
    text: 'Can you retrain (fine-tune) the model?',
    help: 'Quantization-aware training learns the activation ranges while it trains, so the export needs no separate calibration step.',
    answers: [
      { id: 'yes', label: 'Yes, I can train it again', short: 'can retrain', next: 'leaf-integer-qat' },
      { id: 'no', label: 'No, I only have the trained model', short: 'no retraining', next: 'leaf-integer-needs-data' },
    ],
  },
];

export const WIZARD_LEAVES: WizardLeaf[] = [
  {
    kind: 'leaf',
    id: 'leaf-float32',
    mode: 'float32',
    title: 'Keep float32',
    reason:
      'You do not need a smaller or faster model, so keep full precision: no accuracy loss and no extra steps. The comparison shows what you would gain if that changes.',
    tradeoffs: {
      size: 'baseline (4 bytes per weight)',
      speed: 'baseline',
      accuracy: 'reference accuracy',
      hardware: 'CPU and GPU',
    },
    target: 'any',
    expected: { sizeRatio: 1, speed: 'same' },
    ifInaccurate: [],
    compareWith: ['dynamic', 'float16'],
  },
  {
    kind: 'leaf',
    id: 'leaf-gpu-float16',
    mode: 'float16',
    title: 'float16 for the GPU',
    reason:
      'GPUs compute natively in 16-bit floats, and the GPU delegate runs float16 weights directly. You halve the file and keep almost all the accuracy, with no sample data needed.',
    tradeoffs: {
      size: '~2x smaller',
      speed: 'faster on a GPU; on a CPU the weights are expanded to float32, so about the same speed',
      accuracy: 'almost no loss',
      hardware: 'GPU and CPU',
    },
    target: 'gpu',
    expected: { sizeRatio: 2, speed: 'same' },
    ifInaccurate: ['float32'],
    compareWith: ['float32', 'dynamic'],
  },
  {
    kind: 'leaf',
    id: 'leaf-cpu-float16',
    mode: 'float16',
    title: 'float16 weights',
    reason:
      'Half the size is enough, and float16 is the gentlest way to get it: each weight is stored in 2 bytes instead of 4, the maths still runs in float, and accuracy barely moves.',
    tradeoffs: {
      size: '~2x smaller',
      speed: 'about the same as float32 on a CPU (weights are expanded at load)',
      accuracy: 'almost no loss',
      hardware: 'CPU and GPU',
    },
    target: 'cpu',
    expected: { sizeRatio: 2, speed: 'same' },
    ifInaccurate: ['float32'],
    compareWith: ['float32', 'dynamic'],
  },
  {
    kind: 'leaf',
    id: 'leaf-cpu-dynamic',
    mode: 'dynamic',
    title: 'Dynamic range quantization',
    reason:
      'Without sample inputs the activation ranges cannot be measured ahead of time, so quantize only the weights to int8. The runtime measures each activation on the fly and uses integer kernels where it can.',
    tradeoffs: {
      size: '~4x smaller',
      speed: '2-3x faster on a CPU (TF docs)',
      accuracy: 'usually a very small loss',
      hardware: 'CPU only (not GPU, Edge TPU or microcontrollers)',
    },
    target: 'cpu',
    expected: { sizeRatio: 4, speed: 'faster' },
    ifInaccurate: ['float16', 'int16x8'],
    compareWith: ['float32', 'float16', 'int8'],
  },
  {
    kind: 'leaf',
    id: 'leaf-cpu-int8',
    mode: 'int8',
    title: 'Full integer quantization (int8, float input and output)',
    reason:
      'You have sample inputs and can accept a small accuracy drop, so quantize weights and activations to int8. Calibration measures each activation range once; the whole network then runs in integer maths, with float only at the input and output.',
    tradeoffs: {
      size: '~4x smaller',
      speed: '3x+ faster on mobile CPUs (TF docs)',
      accuracy: 'a small loss, depends on calibration',
      hardware: INTEGER_HARDWARE,
    },
    target: 'cpu',
    expected: { sizeRatio: 4, speed: 'faster' },
    ifInaccurate: ['int16x8', 'qat'],
    compareWith: ['float32', 'dynamic', 'int16x8'],
  },
  {
    kind: 'leaf',
    id: 'leaf-cpu-int16x8',
    mode: 'int16x8',
    title: '16x8 quantization (int16 activations, int8 weights)',
    reason:
      'Accuracy matters most and you cannot retrain, so keep the 4x smaller int8 weights but give activations 16 bits. That removes most of the rounding error full int8 adds, without touching training.',
    tradeoffs: {
      size: '~4x smaller',
      speed: 'often slower than int8 and even float32: fewer optimized kernels',
      accuracy: 'close to float',
      hardware: 'CPU (not Edge TPU; few microcontroller kernels)',
    },
    target: 'cpu',
    expected: { sizeRatio: 4, speed: 'slower' },
    ifInaccurate: ['float16', 'dynamic'],
    compareWith: ['float32', 'int8', 'dynamic'],
  },
  {
    kind: 'leaf',
    id: 'leaf-cpu-qat',
    mode: 'qat',
    title: 'Quantization-aware training, then int8',
    reason:
      'Accuracy matters most and you can retrain, so let the model learn with int8 rounding simulated during training. The int8 file it exports is as small and fast as plain int8 but usually keeps more accuracy.',
    tradeoffs: {
      size: '~4x smaller',
      speed: 'as fast as int8: 3x+ on mobile CPUs',
      accuracy: 'closest to float among the integer modes',
      hardware: INTEGER_HARDWARE,
    },
    target: 'cpu',
    expected: { sizeRatio: 4, speed: 'faster' },
    ifInaccurate: ['int16x8'],
    compareWith: ['float32', 'int8', 'int16x8'],
  },
  {
    kind: 'leaf',
    id: 'leaf-integer-int8-io',
    mode: 'int8-io',
    title: 'Full integer quantization with int8 input and output',
    reason:
      'Integer-only hardware cannot run a single float op, so everything becomes int8, including the input and output. Your sample inputs give every activation its fixed range.',
    tradeoffs: {
      size: '~4x smaller',
      speed: '3x+ faster; the only way to run on the accelerator at all',
      accuracy: 'a small loss, depends on calibration',
      hardware: 'Edge TPU, microcontrollers, integer-only NPUs (and CPU)',
    },
    target: 'integer-only',
    expected: { sizeRatio: 4, speed: 'faster' },
    ifInaccurate: ['qat'],
    compareWith: ['float32', 'int8', 'qat'],
  },
  {
    kind: 'leaf',
    id: 'leaf-integer-qat',
    mode: 'qat',
    title: 'Quantization-aware training, then integer-only export',
    reason:
      'You have no separate sample inputs but can retrain: quantization-aware training learns every activation range while it trains, so the exported int8 model runs on integer-only hardware without a calibration step.',
    tradeoffs: {
      size: '~4x smaller',
      speed: 'as fast as int8 on the accelerator',
      accuracy: 'closest to float among the integer modes',
      hardware: 'Edge TPU, microcontrollers, integer-only NPUs (and CPU)',
    },
    target: 'integer-only',
    expected: { sizeRatio: 4, speed: 'faster' },
    ifInaccurate: [],
    compareWith: ['float32', 'int8-io'],
  },
  {
    kind: 'leaf',
    id: 'leaf-integer-needs-data',
    mode: 'int8-io',
    title: 'Integer-only, once you have calibration data',
    reason:
      'Integer-only hardware needs a fixed range for every activation, and without sample inputs or retraining there is no way to find them: dynamic range and float16 still run float ops this hardware lacks. Collect a few hundred real inputs, then use full int8 with int8 input and output.',
    tradeoffs: {
      size: '~4x smaller',
      speed: '3x+ faster; the only way to run on the accelerator at all',
      accuracy: 'a small loss, depends on calibration',
      hardware: 'Edge TPU, microcontrollers, integer-only NPUs (and CPU)',
    },
    target: 'integer-only',
    expected: { sizeRatio: 4, speed: 'faster' },
    ifInaccurate: ['qat'],
    compareWith: ['float32', 'int8', 'qat'],
    prerequisite:
      'About 100 to 500 representative inputs (TF converter guidance). The lab calibrates with MNIST training images here; in your own project you must collect them.',
  },
];

/** The wizard's tree. Root question: "optimize". */
export const WIZARD_TREE: DecisionTree = {
  root: 'optimize',
  nodes: Object.fromEntries([...WIZARD_QUESTIONS, ...WIZARD_LEAVES].map((n) => [n.id, n])),
};
