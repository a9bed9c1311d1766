/**
 * 核心錯誤的繁體中文句子：.tflite 格式問題（src/core/tflite/format-problem.ts）與 LiteRT.js 執行環境的問題
 * （src/runtime/runtime-errors.ts）；模型匯入問題在 import.zh-TW.ts。英文句子在各自的檔案裡；每個 code 都要有一句，
 * 少一個就無法通過型別檢查。
 */
import type { QatSummaryLine } from '../../../core/qat/explain-qat';
import type { FieldBounds, FieldProblem } from '../../../core/settings/fields';
import type { TfliteProblem } from '../../../core/tflite/format-problem';
import type { TrainProblem } from '../../../core/train/divergence';
import type { LiteRtStage, RuntimeProblem } from '../../../runtime/runtime-errors';

export type Writers<U extends { code: string }> = { [K in U['code']]: (p: Extract<U, { code: K }>) => string };

const shape = (s: readonly number[]) => `[${s.join(', ')}]`;
const list = (names: readonly string[]) => names.join('、');

export const TFLITE_ZH = {
  'tflite-unsupported-op': (p) => `不支援的運算 ${p.op}`,
  'tflite-options-mismatch': (p) => `${p.op} 帶的選項是 ${p.carries}，應該是 ${p.expected}`,
  'tflite-missing-option': (p) => `缺少選項 ${p.option}`,
  'tflite-option-type': (p) => `選項 ${p.option} 的型別不是 ${p.type}`,
  'tflite-unsupported-option': (p) => `不支援的 ${p.option} 值 ${p.value}`,
  'tflite-tensor-type': (p) => `不支援的張量型別 ${p.type}`,
  'tflite-dynamic-shape': (p) => `形狀 ${shape(p.shape)} 有動態或負的維度`,
  'tflite-buffer-shape': (p) =>
    `緩衝區 ${p.buffer} 有 ${p.bytes} 位元組，但形狀 ${shape(p.shape)} 的 ${p.dtype} 需要 ${p.expected} 位元組`,
  'tflite-scales-zero-points': (p) => `有 ${p.scales} 個 scale，卻有 ${p.zeroPoints} 個零點`,
  'tflite-quant-dim-rank': (p) => `quantized_dimension ${p.dim} 超出張量的 ${p.rank} 個維度`,
  'tflite-scales-dim': (p) => `維度 ${p.dim} 的大小是 ${p.size}，卻有 ${p.scales} 個 scale`,
  'tflite-schema-version': (p) => `不支援的 schema 版本 ${p.version}`,
  'tflite-subgraphs': (p) => `模型有 ${p.count} 個子圖；實驗室只讀取恰好一個子圖的模型`,
  'tflite-buffer0': () => 'buffers[0] 必須存在而且是空的',
  'tflite-tensor-index': (p) => `張量索引 ${p.index} 超出範圍（子圖只有 ${p.count} 個張量）`,
  'tflite-buffer-past-end': (p) => `緩衝區 ${p.buffer} 宣告有 ${p.bytes} 位元組，但檔案只有 ${p.fileBytes} 位元組`,
  'tflite-shared-buffers': () => '張量共用的緩衝區遠超過檔案大小',
  'tflite-metadata-buffer': (p) => `中繼資料 ${p.name} 指向不存在的緩衝區 ${p.buffer}`,
  'tflite-too-short': (p) => `檔案被截斷：只有 ${p.bytes} 位元組，.tflite 檔至少有 8 位元組`,
  'tflite-identifier': (p) => `檔案格式不是 tflite.Model（識別碼是「${p.identifier}」，應為 TFL3）`,
  'tflite-root-offset': (p) => `根位移 ${p.root} 落在檔案之外（檔案有 ${p.fileBytes} 位元組）`,
  'tflite-unreadable': () => '讀取器無法讀取這個檔案（這是實驗室的錯誤，請回報）',
  'tflite-tensor-data-past-end': (p) => `張量 ${p.tensor} 的資料超出檔案結尾`,
  'tflite-too-complex': () => '檔案的結構相對於大小過於複雜（表格可能循環共用資料）',
  'tflite-truncated': (p) =>
    `檔案被截斷：位移 ${p.offset} 處的 ${p.bytes} 位元組超出檔案結尾（檔案有 ${p.fileBytes} 位元組）`,
  'tflite-vtable-size': (p) => `表格格式錯誤：vtable 大小是 ${p.size}`,
  'tflite-inline-size': (p) => `表格格式錯誤：內嵌大小是 ${p.size}`,
  'tflite-vector-past-end': (p) => `${p.what} 宣告有 ${p.bytes} 位元組，但檔案只有 ${p.fileBytes} 位元組`,
  'tflite-field-outside': (p) => `欄位 ${p.field} 落在它的表格之外`,
  'tflite-io-index': (p) => `${role(p.role)}張量索引 ${p.index} 超出範圍`,
  'tflite-io-type': (p) => `${role(p.role)}張量「${p.tensor}」的型別是 ${p.type}，實驗室無法餵入這種型別`,
  'tflite-no-subgraph': () => '模型沒有任何子圖',
} satisfies Writers<TfliteProblem>;

function role(r: string): string {
  return r === 'input' ? '輸入' : r === 'output' ? '輸出' : r;
}

/** 一個 .tflite 格式問題的句子。 */
export function tfliteProblemZh(p: TfliteProblem): string {
  return (TFLITE_ZH[p.code] as (p: TfliteProblem) => string)(p);
}

const STAGE_ZH: Record<LiteRtStage, string> = {
  'load the model': '載入模型',
  'compile the model': '編譯模型',
  'load and compile the model': '載入並編譯模型',
  'run the model': '執行模型',
};
const rejected = (stage: LiteRtStage) => `LiteRT.js 拒絕了這個模型（${STAGE_ZH[stage]}時失敗）`;

export const RUNTIME_ZH = {
  'litert-custom-op': (p) =>
    `${rejected(p.stage)}：檔案使用了自訂運算 ${p.op}，這個執行環境沒有它的程式碼。自訂運算需要由執行模型的應用程式註冊（Edge TPU 檔案需要 Coral 裝置）；請改用沒有它的轉換結果。`,
  'litert-no-kernel': (p) =>
    `${rejected(p.stage)}：這個 LiteRT.js 版本沒有 ${p.op} 第 ${p.version} 版的核心。請用較舊的 TensorFlow 轉換模型，或避開這個運算。`,
  'litert-allocate': (p) =>
    `${rejected(p.stage)}：它無法配置模型的張量：某一層的形狀彼此對不上，或某個運算不接受這些張量型別。檢視器的運算表與張量表列出了要檢查的形狀。`,
  'litert-dynamic-shape': (p) =>
    `${rejected(p.stage)}：有張量的維度要到執行時才知道（動態的批次或影像大小），這個執行環境不接受。請用固定的輸入形狀轉換模型，或把 -1 的批次固定為 1（檢視器發現時會替你這麼做）。`,
  'litert-element-type': (p) =>
    `${rejected(p.stage)}：它的張量使用 ${p.type} 型別，這個執行環境無法餵入或讀出。請使用 float32、int8 或 uint8 的輸入與輸出。`,
  'litert-other': (p) =>
    `${rejected(p.stage)}${p.quote ? `，它的訊息是「${p.quote}」` : '，沒有說明原因'}。檔案可能使用了這個執行環境不支援的運算、型別或形狀；檢視器的表格列出了它的內容。`,
  'litert-io-count': (p) => `模型應該有 1 個輸入與 1 個輸出，這裡是 ${p.inputs} 個與 ${p.outputs} 個`,
  'litert-no-model': () => 'LiteRT.js 無法載入模型（沒有傳回模型）',
  'litert-io-size': (p) =>
    `${role(p.role)}「${p.tensor}」在 LiteRT 中是 ${p.runtimeBytes} 位元組，在檔案中卻是 ${p.fileBytes} 位元組`,
  'litert-deleted': () => '模型工作階段已經刪除',
  'litert-input-size': (p) => `輸入有 ${p.bytes} 位元組，模型需要 ${p.expected} 位元組`,
  'litert-output-count': (p) => `應該有 1 個輸出，LiteRT 傳回了 ${p.outputs} 個`,
} satisfies Writers<RuntimeProblem>;

/** 設定欄位接受的值：「1 到 100 的整數」、「(0, 10] 之間的數」、「adam、sgd 其中之一」。 */
export function fieldBoundsZh(b: FieldBounds): string {
  switch (b.kind) {
    case 'integer':
      return `${b.min} 到 ${b.max} 的整數`;
    case 'number':
      return `${b.minExclusive ? '(' : '['}${b.min}, ${b.max}] 之間的數`;
    case 'choice':
      return `${list(b.options)} 其中之一`;
    case 'boolean':
      return 'true 或 false';
  }
}

/** 一個設定值不被接受的句子；`label` 是頁面顯示的欄位名稱。 */
export function fieldProblemZh(p: FieldProblem, label: string): string {
  return `「${label}」必須是 ${fieldBoundsZh(p.bounds)}（目前是 ${p.got}）`;
}

const advice = (p: TrainProblem) => `學習率 ${p.learningRate} 對 ${p.optimizer} 來說太高；請試試 ${p.next}`;

/** 訓練發散而停止的句子（src/core/train/divergence.ts）。 */
export const TRAIN_ZH = {
  'train-loss-nonfinite': (p) => `在第 ${p.epoch} 個 epoch、第 ${p.batch} 個批次，損失變成了 ${p.loss}：${advice(p)}`,
  'train-loss-exploded': (p) =>
    `在第 ${p.epoch} 個 epoch、第 ${p.batch} 個批次，損失爆增：最近 ${p.window} 個批次的平均是 ${p.mean}，超過 ${p.reference}（${p.against === 'first-batches' ? '最初幾個批次' : '把 10 個類別平均亂猜'}）的 ${p.factor} 倍；${advice(p)}`,
} satisfies Writers<TrainProblem>;

/** 量化感知訓練摘要的句子（src/core/qat/explain-qat.ts），數字和英文句子相同。 */
export const QAT_LINE_ZH = {
  'qat-trained': (l) =>
    `量化感知訓練把浮點權重微調了 ${l.epochs} 個 epoch（${l.images.toLocaleString('en-US')} 張圖片），每次前向傳遞都把權重與啟動值捨入到檔案使用的 int8 格點；梯度則原封不動地穿過捨入。`,
  'qat-kernel': (l) =>
    `${l.name}：權重移動了 ${l.moved}（L2）；它有 ${l.codesChanged} 的 int8 碼和訓練後量化的檔案不同。`,
  'qat-range': (l) =>
    `${l.tensor}：學到的範圍 [${l.qat[0]}, ${l.qat[1]}] 比校準的 [${l.ptq[0]}, ${l.ptq[1]}] ${l.narrower ? '窄' : '寬'}（int8 步長 ${l.qatStep} 對 ${l.ptqStep}）。量化感知訓練的範圍是批次極值的移動平均，是在權重變動時量到的；校準則取原始模型在校準資料上的極值。`,
  'qat-accuracy': (l) =>
    `測試準確率：微調前的浮點模型 ${l.before}，量化感知訓練後的浮點模型 ${l.after}，訓練中模擬的 int8 ${l.simulated}。提升有一部分只是多訓練了幾輪；現在 int8 檔案和訓練時評估的模型一致。`,
} satisfies Writers<QatSummaryLine>;
