/** What the repair proposals read from the lab, without React: the measured runs with their recipes. Pure. */
import { architectureOf, type TrainedModel } from '../../core/model/trained-model';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import { DEFAULT_RECIPE, type QuantRecipe } from '../../core/quant/recipe';
import { baseMode, type MeasuredForRepair, type RepairProposal } from '../../core/wizard/repair-advice';

/** The recipe a results-table entry was made with (its report entry's `recipe`, over the defaults). */
export function entryRecipe(name: string, outcome: MeasuredMode): QuantRecipe | undefined {
  const mode = baseMode(name);
  const recipe = outcome.entry.recipe as Partial<QuantRecipe> | undefined;
  if (!mode || !recipe) return undefined;
  return { ...DEFAULT_RECIPE, ...recipe, mode };
}

/** The lab's converted runs (not QAT, not inspected files), with their accuracy and recipe. */
export function measuredForRepair(outcomes: Record<string, MeasuredMode>): MeasuredForRepair[] {
  return Object.entries(outcomes).flatMap(([name, o]) => {
    const recipe = entryRecipe(name, o);
    return recipe ? [{ mode: name, accuracy: o.entry.accuracy, recipe }] : [];
  });
}

export function hasDepthwise(trained: TrainedModel): boolean {
  return architectureOf(trained).layers.some((l) => l.type === 'depthwiseConv2d');
}

/** The recipe that runs `proposal`: the measured run's recipe with the proposal's change. */
export function repairRecipe(
  proposal: RepairProposal,
  outcomes: Record<string, MeasuredMode>,
): QuantRecipe | undefined {
  const outcome = outcomes[proposal.mode];
  const recipe = outcome && entryRecipe(proposal.mode, outcome);
  return recipe && { ...recipe, ...proposal.patch };
}
