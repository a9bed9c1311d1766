import type { Messages } from './en';

/**
 * 繁體中文（台灣）. Terms follow Taiwanese ML writing: 量化, 訓練後量化, 動態範圍量化, 全整數量化, 量化感知訓練,
 * 代表性資料集／校準資料, 權重, 啟動值, 模型大小, 準確率, 延遲. Identifiers (int8, float16, op and file names) stay.
 */
export const zhTW: Messages = {
  app: {
    title: '量化實驗室',
    tagline:
      '在這個分頁裡用真正的 MNIST 訓練一個小型 CNN，以 TensorFlow Lite 的每一種模式量化它，並下載 TFLite 執行環境能執行的 .tflite 檔。所有資料都不會離開你的瀏覽器。',
    modelForgotten: '已從這個瀏覽器刪除儲存的模型。',
  },
  language: {
    label: '語言',
  },
  backend: {
    label: '運算後端',
    auto: '自動（選最快的）',
    webgpu: 'WebGPU',
    wasm: 'WebAssembly（SIMD）',
    cpu: '純 JavaScript（CPU）',
    running: '正在 {{name}} 上執行：{{reason}}',
    starting: '啟動中…',
  },
};
