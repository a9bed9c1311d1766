/**
 * What a wizard finding says, as data: a key and the numbers it is built from. The core writes the English
 * sentence from it (`Finding.text`, the CLI's); the page's other languages write their own from the same data,
 * so a finding's numbers are never parsed back out of English.
 */
import type { DeployProblem } from '../deploy/deploy-problem';
import type { LabMode } from '../modes/lab-modes';

/** A mode the wizard suggests after a drop, with its measurement when there is one. */
export interface NextTry {
  mode: LabMode;
  /** Accuracy (fraction), drop against float (percentage points) and whether that is within tolerance. */
  measured?: { accuracy: number; dropPoints: number; withinTolerance: boolean };
}

/** Latencies of a mode and float32 (median, ms) and their ratio. */
export interface Speeds {
  mode: string;
  ratio: number;
  modeMs: number;
  floatMs: number;
}

/** Sizes of a mode and float32 (bytes), their ratio and the size ratio the leaf promised. */
export interface Sizes {
  mode: string;
  ratio: number;
  bytes: number;
  floatBytes: number;
  promised: number;
}

/** A deployment target as the findings name it. */
export interface TargetFacts {
  name: string;
  ramKb: number;
  flashKb: number;
}

export type FindingMessage =
  /** The leaf's own prerequisite (`Leaf.prerequisite`), by the leaf's id. */
  | { key: 'prerequisite'; leaf: string; text: string }
  | { key: 'missing'; mode: string }
  | { key: 'accuracy-no-lower'; mode: string; accuracy: number; floatAccuracy: number }
  | {
      key: 'accuracy-within';
      mode: string;
      dropPoints: number;
      accuracy: number;
      floatAccuracy: number;
      tolerance: number;
    }
  | {
      key: 'accuracy-drop';
      mode: string;
      dropPoints: number;
      accuracy: number;
      floatAccuracy: number;
      tolerance: number;
      next: NextTry[];
    }
  | { key: 'float-mismatch'; runtimeAccuracy: number; tfjsAccuracy: number }
  | ({ key: 'size-ok' } & Sizes)
  | ({ key: 'size-short' } & Sizes)
  | { key: 'speed-unmeasured' }
  | { key: 'target-not-measured'; target: 'gpu' | 'integer-only' }
  | ({ key: 'speed-slower-unexpected' } & Speeds)
  | ({ key: 'speed-same-unexpected' } & Speeds)
  | ({ key: 'speed-slower-expected' } & Speeds)
  | ({ key: 'speed-slower-than-expected' } & Speeds)
  | ({ key: 'speed-ok' } & Speeds)
  | { key: 'dominated'; mode: string; bytes: number; latencyMs: number; accuracy: number }
  | { key: 'float-gain'; mode: string; ratio: number; dropPoints: number }
  | {
      key: 'deploy-fits';
      mode: string;
      target: TargetFacts;
      ramBytes: number;
      arenaBytes: number;
      flashBytes: number;
      ramMarginBytes: number;
    }
  /** `reasons` are the deployment check's own sentences (English), written from `problems`. */
  | { key: 'deploy-no-fit'; mode: string; target: TargetFacts; reasons: string[]; problems: DeployProblem[] }
  | { key: 'edgetpu-ready'; mode: string; mappedOps: number; cpuOps: string[] }
  | { key: 'edgetpu-fallback'; mode: string; reasons: string[]; problems: DeployProblem[] };

export type FindingKey = FindingMessage['key'];

/** The message of one key. */
export type MessageOf<K extends FindingKey> = Extract<FindingMessage, { key: K }>;
