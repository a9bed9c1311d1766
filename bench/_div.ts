import { loadMnistFromIdx } from '../cli/mnist-node';
import { initBackend } from '../src/backends/select-backend';
import { trainModel } from '../src/core/train/train';
import { DEFAULT_TRAIN_SETTINGS } from '../src/core/train/settings';
await initBackend('wasm');
const data = loadMnistFromIdx();
for (const [opt, lr] of [['adam', 5], ['adam', 0.5], ['sgd', 10], ['rmsprop', 1]] as const) {
  const r = await trainModel(data, { ...DEFAULT_TRAIN_SETTINGS, optimizer: opt, learningRate: lr, trainLimit: 6400 }, { skipTestEvaluation: true }).catch((e) => e.message);
  console.log(opt, lr, typeof r === 'string' ? r : `loss ${r.model.history[0].loss} acc ${r.model.history[0].accuracy}`);
}
