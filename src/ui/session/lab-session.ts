import type { TrainedModel } from '../../core/model/trained-model';
import type { QuantRecipe } from '../../core/quant/recipe';
import type { LayerAnalysisHandle } from '../debug/use-layer-analysis';
import type { QatRun } from '../qat/use-qat';
import type { Quantization } from '../quant/use-quantization';
import type { LabResults } from '../results/use-lab-results';
import type { Runs } from '../runs/use-runs';
import type { LabState } from '../state/lab-state';
import type { LabStateSetter } from '../state/use-lab-state';

/** What the lab does on the learner's behalf; every function is stable across renders. */
export interface LabActions {
  /** A training finished (or was cancelled with weights kept): keep the model, forget the old run. */
  onTrained: (model: TrainedModel) => void;
  /** Forget the model (and its results). */
  onReset: () => void;
  /** Quantize, export and measure these modes ('qat' runs quantization-aware training after the others). */
  quantizeModes: (modes: readonly string[]) => Promise<void>;
  runQat: () => Promise<void>;
  /** Export `mode` (e.g. 'int8-mixed') with `recipe` (keepFloat set) and measure it like any mode. */
  exportMixed: (mode: string, recipe: QuantRecipe) => Promise<void>;
}

/**
 * Everything a section of the page may read or do: the settings, the model, the runs and the
 * results cache. Sections take what they need from it (see lab-sections.tsx).
 */
export interface LabSession {
  lab: LabState;
  setLab: LabStateSetter;
  trained?: TrainedModel;
  /** MNIST is loaded in the lab worker. */
  dataReady: boolean;
  /** A training is running (reported by the training section). */
  training: boolean;
  setTraining: (busy: boolean) => void;
  quant: Quantization;
  qat: QatRun;
  /** The live results: the quantize panel's table and anything that adds to them. */
  results: LabResults;
  /**
   * The results as they were before the quantize run now running (the live ones when none runs): what the
   * panels below the table show, so each new row re-renders only the table (they catch up when the run ends).
   */
  settledResults: LabResults;
  actions: LabActions;
  /** The per-layer debugger's analysis and the layers kept in float (the debugger and the graph view share it). */
  layers: LayerAnalysisHandle;
  /** The runs kept in IndexedDB. */
  runs: Runs;
}
