/**
 * 檢視器對一個 .tflite 檔的說明（src/core/tflite/model-notes.ts）的繁體中文句子：為什麼不執行它、MNIST 影像
 * 怎麼餵進它的輸入、為什麼這樣餵，以及它的輸出是什麼。英文句子在 model-notes.ts；每個 code 都要有一句，少一個
 * 就無法通過型別檢查。檔案的警告與備註（src/core/tflite/inspect-notes.ts）也在這裡。
 */
import { bufferList, type InspectNote } from '../../../core/tflite/inspect-notes';
import {
  ioTensorText,
  short,
  type FeedReason,
  type FeedText,
  type InputRange,
  type IoMismatch,
  type ModelNote,
  type OutputScores,
} from '../../../core/tflite/model-notes';

type Writers<U extends { code: string }> = { [K in U['code']]: (p: Extract<U, { code: K }>) => string };

const shape = (s: readonly number[]) => `[${s.join(', ')}]`;
const role = (r: 'input' | 'output') => (r === 'input' ? '輸入' : '輸出');

export const IO_MISMATCH_ZH = {
  'io-shape': (p) =>
    `它的${role(p.role)}形狀是 ${shape(p.shape)}，不是 ${p.elements} 個值（${p.role === 'input' ? '一張 28 × 28 的影像' : '每個數字一個'}）`,
  'io-type': (p) => `它的${role(p.role)}是 ${p.type}；實驗室能餵入的是 float32、int8、uint8、int16 或 int32`,
  'io-no-quant': (p) => `它的${role(p.role)}是 ${p.type}，卻沒有逐張量的量化參數，所以無法把像素對應過去`,
} satisfies Writers<IoMismatch>;

const io = (list: Parameters<typeof ioTensorText>[0][]) => list.map(ioTensorText).join('；') || '無';

export const MODEL_NOTE_ZH = {
  'kind-no-subgraph': () => '模型沒有任何子圖。',
  'kind-missing-io': () => '它的輸入或輸出指向不存在的張量。',
  'kind-not-mnist': (p) => `不是 MNIST 分類器：${(IO_MISMATCH_ZH[p.why.code] as (p: IoMismatch) => string)(p.why)}。`,
  'kind-pin-failed': (p) => `無法把它的動態批次固定為 1（${p.detail}）。`,
  'kind-edgetpu': () => 'Edge TPU 模型：由 edgetpu_compiler 為 Coral Edge TPU 編譯。',
  'kind-edgetpu-ops': (p) =>
    `${p.ops} 個運算中有 ${p.tpuOps} 個是 edgetpu-custom-op；它的自訂選項（${p.programBytes.toLocaleString('en-US')} 位元組）存的是為 Edge TPU 編譯好的計算圖，不是 TFLite 運算。`,
  'kind-edgetpu-cpu': (p) =>
    p.ops.length > 0 ? `在它之外、於 CPU 上執行的運算：${p.ops.join('、')}。` : '沒有運算在它之外執行。',
  'kind-edgetpu-coral': () =>
    '它只能在 Coral Edge TPU 與它的委派（libedgetpu）上執行，瀏覽器沒有這些，所以實驗室不會把它送進執行環境。要在這裡評分，請改用編譯前的檔案（檔名沒有 _edgetpu 的那個）。',
  'kind-custom': (p) => `使用了自訂運算 ${p.ops.join('、')}。`,
  'kind-custom-why': () =>
    '自訂運算不在 TFLite 的內建運算之中：執行環境需要應用程式註冊它們的程式碼，而這個網頁裡的 LiteRT.js 沒有，所以實驗室不會把檔案送進執行環境。',
  'kind-detector': (p) => `類似物件偵測器的模型：${p.outputs} 個輸出（4 個座標的框、類別、分數、數量）。`,
  'kind-multi-io': (p) => `有 ${p.inputs} 個輸入與 ${p.outputs} 個輸出的模型。`,
  'kind-detector-why': () =>
    '物件偵測器對一張照片傳回框、類別、分數與數量；它們不是數字分類器，所以實驗室只檢視檔案，不在 MNIST 上評分。',
  'kind-multi-io-why': () =>
    'MNIST 分類器只有一個輸入（一張 28 × 28 的影像）與一個輸出（10 個分數），所以實驗室只檢視檔案，不評分。',
  'kind-io': (p) => `${p.inputs.length} 個輸入：${io(p.inputs)}；${p.outputs.length} 個輸出：${io(p.outputs)}。`,
} satisfies Writers<ModelNote>;

const rangeZh = (r: InputRange) => (r === '0-1' ? '在 [0, 1] 之間（像素 / 255）' : '在 [0, 255] 之間（原始像素）');

export const FEED_REASON_ZH = {
  'feed-chosen': () => '你選的範圍',
  'feed-rescales': () => '模型自己會把輸入除以 255（輸入後面接著 Rescaling 運算）',
  'feed-float-guess': () => '檔案沒有說明；Keras 教學用 [0, 1] 訓練（如果準確率很低，請切換到 [0, 255]）',
  'feed-raw-uint8': () => '沒有量化參數的 uint8 輸入吃的是原始像素（模型自己會轉型並縮放）',
  'feed-quant-range': (p) =>
    `它的量化涵蓋到實數 ${p.maxReal}，所以像素${p.range === '0-255' ? '以原始值' : '以像素 / 255'}餵入`,
} satisfies Writers<FeedReason>;

/** 一個說明的句子。 */
export function modelNoteZh(p: ModelNote): string {
  return (MODEL_NOTE_ZH[p.code] as (p: ModelNote) => string)(p);
}

/** 為什麼選這個像素範圍。 */
export function feedReasonZh(p: FeedReason): string {
  return (FEED_REASON_ZH[p.code] as (p: FeedReason) => string)(p);
}

/** 輸入的餵法，例如「uint8 [1, 28, 28] 原始像素 0..255，沒有量化參數」。 */
export function feedLabelZh(f: FeedText): string {
  const type = `${f.type.toLowerCase()} ${shape(f.shape)}`;
  if (f.type === 'FLOAT32') return `${type}，${rangeZh(f.range)}`;
  if (!f.quant) return `${type}，${f.range === '0-255' ? '原始像素 0..255' : rangeZh(f.range)}，沒有量化參數`;
  return `${type}，已量化（scale ${short(f.quant.scale)}，零點 ${f.quant.zeroPoint}），實數${rangeZh(f.range)}`;
}

/** 輸出的內容，例如「10 個 softmax 分數（float32）」。 */
export function outputScoresZh(o: OutputScores): string {
  if (o.type === 'FLOAT32') return o.softmax ? '10 個 softmax 分數（float32）' : '10 個分數或 logits（float32）';
  const type = o.type.toLowerCase();
  return o.quant
    ? `10 個量化分數（${type}，scale ${short(o.quant.scale)}，零點 ${o.quant.zeroPoint}）`
    : `10 個整數分數（${type}，沒有量化參數）`;
}

export const INSPECT_NOTE_ZH = {
  'note-tensor-buffer': (p) => `${p.where} 指向緩衝區 ${p.buffer}，但模型只有 ${p.buffers} 個緩衝區`,
  'note-tensor-bytes': (p) =>
    `${p.where}（${p.name}）有 ${p.bytes} 位元組，但形狀 [${p.shape}] 的 ${p.type} 需要 ${p.expected} 位元組`,
  'note-tensor-index': (p) => `${p.where} 指向張量 ${p.index}，但只有 ${p.tensors} 個張量`,
  'note-opcode': (p) => `${p.where} 使用運算代碼 ${p.opcode}，但模型只有 ${p.codes} 個`,
  'note-schema-version': (p) => `schema 版本是 ${p.version}（應為 3）`,
  'note-no-buffers': () => '模型沒有任何緩衝區（buffers[0] 必須存在而且是空的）',
  'note-buffer0': () => 'buffers[0] 不是空的',
  'note-metadata-buffer': (p) => `中繼資料 ${p.name} 指向緩衝區 ${p.buffer}，但模型只有 ${p.buffers} 個緩衝區`,
  'note-unaligned': (p) =>
    `${p.buffers} 個緩衝區中有 ${p.count} 個（${bufferList(p)}）沒有對齊到 ${p.alignment} 位元組；TensorFlow 的轉換器常這樣寫，執行環境讀取時沒有問題。`,
  'note-conversion-metadata': (p) => `${p.name}（${p.bytes} 位元組）記錄了轉換器的選項與環境，不會改變模型的計算結果。`,
} satisfies Writers<InspectNote>;

/** 檔案的一個警告或備註。 */
export function inspectNoteZh(p: InspectNote): string {
  return (INSPECT_NOTE_ZH[p.code] as (p: InspectNote) => string)(p);
}
