/**
 * `npx tsx scripts/deploy-table.ts [--target ID] [--seed N]`: the deployment table for every preset x PTQ mode,
 * from files the lab's pipeline writes (seeded random weights, 100 MNIST calibration images). Sizes, arenas and
 * compatibility depend on the graph and the recipe, not on the weight values, so trained files give the same
 * table. Prints Markdown.
 */
import { checkDeployment } from '../src/core/deploy/deploy-check';
import { parseTarget } from '../src/core/deploy/targets';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { randomWeights } from '../src/core/graph/random-weights';
import { imagesToFloat } from '../src/core/mnist/dataset';
import { PRESET_IDS } from '../src/core/model/presets';
import { convertModel } from '../src/core/pipeline/convert';
import { QUANT_MODES } from '../src/core/modes/lab-modes';
import { DEFAULT_RECIPE } from '../src/core/quant/recipe';
import { loadMnistFromIdx } from '../src/node/mnist-node';

const arg = (flag: string, fallback: string) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const target = parseTarget(arg('--target', 'nano33ble'));
const seed = Number(arg('--seed', '1'));
const calibration = imagesToFloat(loadMnistFromIdx().train, 0, 100);

const fmt = (n: number) => n.toLocaleString('en-US');
console.log(`Target: ${target.name} (${target.ramKb} KB RAM, ${target.flashKb} KB flash)\n`);
console.log('| preset | mode | TFLM | arena bytes | + interpreter (est.) | flash bytes | fits | Edge TPU | reason |');
console.log('|---|---|---|---:|---:|---:|---|---|---|');
for (const preset of PRESET_IDS) {
  const trained = { preset, weights: randomWeights(preset, seed) };
  const floatGraph = modelToGraph(trained);
  for (const mode of QUANT_MODES) {
    const { bytes } = convertModel(trained, { ...DEFAULT_RECIPE, mode }, calibration, floatGraph);
    const c = checkDeployment(bytes, target);
    const edge = c.edgeTpu.compatible ? 'yes' : `no (${c.edgeTpu.mappedOps} of ${c.arena.steps.length - 1} ops map)`;
    const reason = (c.reasons[0] ?? '').replace(/\|/g, '/');
    console.log(
      `| ${preset} | ${mode} | ${c.tflm.compatible ? 'yes' : 'no'} | ${fmt(c.arena.arenaBytes)} | ${fmt(c.tensorArenaBytes)} | ${fmt(bytes.length)} | ${c.fits ? 'yes' : 'no'} | ${edge} | ${reason} |`,
    );
  }
}
