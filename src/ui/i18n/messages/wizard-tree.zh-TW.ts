import type { WizardTreeTexts } from './wizard-tree';

const INTEGER_HARDWARE = 'CPU（ARM 與 x86）、Edge TPU、微控制器，以及只執行整數 op 的 DSP 與 NPU';
const INTEGER_ONLY = 'Edge TPU、微控制器、純整數 NPU（以及 CPU）';
const RETRAIN = {
  yes: { label: '可以，我能再訓練一次', short: '可重新訓練' },
  no: { label: '不行，我只有訓練好的模型', short: '無法重新訓練' },
};
const DATA = { yes: { label: '有，我有樣本輸入', short: '有資料' }, no: { label: '沒有樣本輸入', short: '無資料' } };
const DATA_PROMPT = '你有代表性資料集嗎：幾百筆真實輸入（不需要標籤）可用來校準？';
const RETRAIN_PROMPT = '你能重新訓練（微調）這個模型嗎？';

/** 精靈決策樹的繁體中文文字，以核心的 id 為鍵（見 wizard-tree.ts）。 */
export const zhTWWizardTree: WizardTreeTexts = {
  questions: {
    optimize: {
      label: '最佳化',
      prompt: '模型需要比原本的 float32 檔更小或更快嗎？',
      help: '每一種量化模式都是用一點準確率或工夫換取模型大小與速度。如果浮點檔已經放得下、跑得夠快，就沒有什麼好賺的。',
    },
    hardware: {
      label: '硬體',
      prompt: '模型會在哪裡執行？',
      help: '加速器只能執行部分數值格式：GPU 偏好 float16，Edge TPU 與大多數微控制器核心只執行整數。',
    },
    size: {
      label: '大小',
      prompt: '模型需要縮小多少？',
      help: 'float16 讓檔案減半，準確率幾乎不變。整數模式因為每個權重都變成一個位元組，大約縮小 4 倍。',
    },
    'cpu-data': {
      label: '資料',
      prompt: DATA_PROMPT,
      help: '全整數量化會讓樣本輸入通過模型，量測每個啟動值的範圍。沒有樣本輸入時，只能事先量化權重。',
    },
    priority: {
      label: '優先',
      prompt: '全整數量化通常會損失一點準確率。哪一項比較重要？',
      help: '在小型 MNIST 模型上，下降通常遠低於一個百分點；在較難的模型上可能更大。請在下方設定可接受的損失。',
    },
    retrain: {
      label: '重新訓練',
      prompt: RETRAIN_PROMPT,
      help: '量化感知訓練在訓練時模擬 int8 捨入，讓權重學會承受它。這需要訓練流程，而不只是訓練好的檔案。',
    },
    'integer-data': {
      label: '資料',
      prompt: DATA_PROMPT,
      help: '純整數硬體無法執行浮點 op，所以每個啟動值都需要固定的整數範圍，由樣本輸入量測，或在訓練中學得。',
    },
    'integer-retrain': {
      label: '重新訓練',
      prompt: RETRAIN_PROMPT,
      help: '量化感知訓練在訓練時學得啟動值範圍，所以匯出時不需要另外的校準步驟。',
    },
  },
  answers: {
    optimize: {
      yes: { label: '要，更小或更快', short: '最佳化' },
      no: { label: '不用，現在這樣就好', short: '保留浮點' },
    },
    hardware: {
      cpu: { label: '手機或桌機的 CPU', short: 'CPU' },
      gpu: { label: '行動裝置 GPU（TFLite GPU delegate）', short: 'GPU' },
      edgetpu: { label: 'Edge TPU 或其他純整數加速器', short: 'Edge TPU' },
      mcu: { label: '微控制器（LiteRT for Microcontrollers）', short: '微控制器' },
    },
    size: {
      half: { label: '大約一半大小就夠了', short: '約 2 倍' },
      quarter: { label: '越小越好（約 4 倍）', short: '約 4 倍' },
    },
    'cpu-data': DATA,
    priority: {
      speed: { label: '速度與大小：小幅下降沒關係', short: '速度' },
      accuracy: { label: '準確率：盡量接近浮點', short: '準確率' },
    },
    retrain: RETRAIN,
    'integer-data': DATA,
    'integer-retrain': RETRAIN,
  },
  leaves: {
    'leaf-float32': {
      title: '保留 float32',
      reason:
        '你不需要更小或更快的模型，所以保留完整精度：沒有準確率損失，也沒有額外步驟。比較結果會顯示情況改變時你能得到什麼。',
      size: '基準（每個權重 4 個位元組）',
      speed: '基準',
      accuracy: '參考準確率',
      hardware: 'CPU 與 GPU',
    },
    'leaf-gpu-float16': {
      title: '給 GPU 用的 float16',
      reason:
        'GPU 原生以 16 位元浮點運算，GPU delegate 直接執行 float16 權重。檔案減半、幾乎保有全部準確率，而且不需要樣本資料。',
      size: '約小 2 倍',
      speed: '在 GPU 上較快；在 CPU 上權重會展開成 float32，速度大致相同',
      accuracy: '幾乎沒有損失',
      hardware: 'GPU 與 CPU',
    },
    'leaf-cpu-float16': {
      title: 'float16 權重',
      reason:
        '一半大小就夠了，而 float16 是最溫和的做法：每個權重以 2 個位元組而不是 4 個儲存，運算仍以浮點進行，準確率幾乎不變。',
      size: '約小 2 倍',
      speed: '在 CPU 上與 float32 差不多（權重在載入時展開）',
      accuracy: '幾乎沒有損失',
      hardware: 'CPU 與 GPU',
    },
    'leaf-cpu-dynamic': {
      title: '動態範圍量化',
      reason:
        '沒有樣本輸入就無法事先量測啟動值範圍，所以只把權重量化為 int8。執行環境會即時量測每個啟動值，並在可以的地方使用整數核心。',
      size: '約小 4 倍',
      speed: '在 CPU 上快 2–3 倍（TF 文件）',
      accuracy: '通常只有非常小的損失',
      hardware: '只限 CPU（不適用 GPU、Edge TPU 或微控制器）',
    },
    'leaf-cpu-int8': {
      title: '全整數量化（int8，浮點輸入與輸出）',
      reason:
        '你有樣本輸入，也能接受小幅的準確率下降，所以把權重與啟動值都量化為 int8。校準只量測一次每個啟動值的範圍；之後整個網路都以整數運算，只有輸入與輸出是浮點。',
      size: '約小 4 倍',
      speed: '在行動裝置 CPU 上快 3 倍以上（TF 文件）',
      accuracy: '小幅損失，取決於校準',
      hardware: INTEGER_HARDWARE,
    },
    'leaf-cpu-int16x8': {
      title: '16x8 量化（int16 啟動值、int8 權重）',
      reason:
        '準確率最重要而你無法重新訓練，所以保留小 4 倍的 int8 權重，但讓啟動值使用 16 位元。這能消除全 int8 帶來的大部分捨入誤差，而且不必動到訓練。',
      size: '約小 4 倍',
      speed: '常比 int8 甚至 float32 慢：最佳化過的核心較少',
      accuracy: '接近浮點',
      hardware: 'CPU（不支援 Edge TPU；微控制器核心很少）',
    },
    'leaf-cpu-qat': {
      title: '量化感知訓練，再轉 int8',
      reason:
        '準確率最重要而你可以重新訓練，所以讓模型在訓練時模擬 int8 捨入來學習。它匯出的 int8 檔和一般 int8 一樣小、一樣快，但通常保有更多準確率。',
      size: '約小 4 倍',
      speed: '和 int8 一樣快：在行動裝置 CPU 上快 3 倍以上',
      accuracy: '整數模式中最接近浮點',
      hardware: INTEGER_HARDWARE,
    },
    'leaf-integer-int8-io': {
      title: '全整數量化，int8 輸入與輸出',
      reason:
        '純整數硬體連一個浮點 op 都無法執行，所以一切都變成 int8，包括輸入與輸出。你的樣本輸入為每個啟動值決定固定範圍。',
      size: '約小 4 倍',
      speed: '快 3 倍以上；這是能在加速器上執行的唯一方式',
      accuracy: '小幅損失，取決於校準',
      hardware: INTEGER_ONLY,
    },
    'leaf-integer-qat': {
      title: '量化感知訓練，再匯出純整數模型',
      reason:
        '你沒有另外的樣本輸入，但可以重新訓練：量化感知訓練在訓練時學得每個啟動值範圍，所以匯出的 int8 模型不需要校準步驟就能在純整數硬體上執行。',
      size: '約小 4 倍',
      speed: '在加速器上和 int8 一樣快',
      accuracy: '整數模式中最接近浮點',
      hardware: INTEGER_ONLY,
    },
    'leaf-integer-needs-data': {
      title: '純整數，等你有了校準資料',
      reason:
        '純整數硬體需要每個啟動值的固定範圍，沒有樣本輸入也無法重新訓練時就找不到這些範圍：動態範圍量化與 float16 仍會執行這種硬體缺少的浮點 op。先收集幾百筆真實輸入，再使用 int8 輸入與輸出的全整數 int8。',
      size: '約小 4 倍',
      speed: '快 3 倍以上；這是能在加速器上執行的唯一方式',
      accuracy: '小幅損失，取決於校準',
      hardware: INTEGER_ONLY,
      prerequisite:
        '大約 100 到 500 筆代表性輸入（TF 轉換器的建議）。實驗室在這裡用 MNIST 訓練圖片校準；在你自己的專案中，你必須自己收集。',
    },
  },
};
