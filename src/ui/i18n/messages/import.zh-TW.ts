/**
 * 模型匯入問題的繁體中文句子（src/core/import/import-problem.ts，連同層的形狀問題 src/core/model/shape-problem.ts）。
 * 英文句子在各自的檔案裡；每個 code 都要有一句，少一個就無法通過型別檢查。層的類別名稱、運算名稱、檔名與設定鍵名
 * 是識別字，照原樣保留。`raw` 是第三方函式庫（h5wasm、fflate、JSON.parse）自己的英文訊息：這裡的句子說明發生了什麼，
 * 頁面把原始訊息接在後面並標為 lang="en"。
 */
import type { ImportProblem, KerasLayerReason, TfliteOpReason } from '../../../core/import/import-problem';
import type { ShapeProblem } from '../../../core/model/shape-problem';
import { tfliteProblemZh, type Writers } from './errors.zh-TW';

const dims = (s: readonly number[]) => `[${s.join(', ')}]`;
const list = (names: readonly string[]) => names.join('、');
const shapes = (ss: readonly number[][]) => ss.map(dims).join(' 與 ');

export const SHAPE_ZH = {
  'shape-rank': (p) => `層 ${p.layer}（${p.type}）需要 ${p.rank} 維的輸入，收到的是 ${dims(p.got)}`,
  'shape-reshape': (p) => `層 ${p.layer} 無法把 ${dims(p.from)} 重塑為 ${dims(p.to)}`,
  'shape-binary': (p) => `層 ${p.layer}（${p.type}）需要兩個形狀相同的輸入，收到的是 ${shapes(p.got)}`,
  'shape-concat': (p) => `層 ${p.layer}（concatenate）的輸入只能在最後一軸不同，收到的是 ${shapes(p.got)}`,
  'shape-reads': (p) => `層 ${p.layer} 讀取 ${p.input}，但它不是前面的層`,
} satisfies Writers<ShapeProblem>;

const shapeZh = (p: ShapeProblem) => (SHAPE_ZH[p.code] as (p: ShapeProblem) => string)(p);

const SQUARE = '實驗室只支援正方形的視窗';
const SAME_PADDING = '只有在視窗剛好鋪滿輸入時才支援 SAME 填補';
const DILATED = '不支援擴張卷積';

export const KERAS_REASON_ZH = {
  'not-square': (r) => `${r.key} ${r.value} 不是正方形，${SQUARE}`,
  activation: (r) => `不支援啟動函數 ${r.value}（支援 ${list(r.supported)}）`,
  'channels-last': () => '只支援 channels_last',
  dilated: () => DILATED,
  grouped: () => '不支援分組卷積',
  padding: (r) => `不支援填補方式 ${r.value}`,
  'same-padding': () => SAME_PADDING,
  'needs-image': (r) => `它需要 [h, w, c] 形狀的輸入，收到的是 ${dims(r.shape)}`,
  'map-not-square': (r) => `特徵圖 ${r.h}x${r.w} 不是正方形`,
  'bn-axis': (r) => `只支援通道軸，收到的是軸 ${r.axis}`,
  'thresholded-relu': () => '不支援帶門檻值的 ReLU',
  'leaky-max-value': () => '不支援帶 max_value 的 leaky ReLU',
  'relu-max-value': (r) => `不支援 max_value ${r.value}（只支援不設定或 6）`,
  rescaling: (r) => `scale ${r.scale}、offset ${r.offset} 只有在 1/255 而且緊接在輸入之後時才支援`,
  'add-inputs': (r) => `它加總 ${r.count} 個輸入；實驗室只匯入兩個輸入的 Add`,
  'binary-inputs': (r) => `它讀取 ${r.count} 個輸入；實驗室只匯入兩個輸入`,
  'concat-axis': (r) => `只支援最後一軸，收到的是軸 ${r.axis}`,
} satisfies Writers<KerasLayerReason>;

const OP_WHAT: Record<Extract<TfliteOpReason, { code: 'not-square' }>['what'], string> = {
  kernel: '核心（kernel）',
  stride: '步幅',
  filter: '濾波器',
};

export const OP_REASON_ZH = {
  'fused-activation': (r) => `不支援融合的啟動函數 ${r.activation}（支援 NONE、RELU、RELU6）`,
  'not-square': (r) => `${OP_WHAT[r.what]} ${r.h}x${r.w} 不是正方形；${SQUARE}`,
  'bias-size': (r) => `偏差有 ${r.values} 個值，通道卻有 ${r.channels} 個`,
  dilated: () => DILATED,
  'filter-reads': (r) => `濾波器讀取 ${r.filter} 個通道，輸入卻有 ${r.input} 個`,
  'filter-channels': (r) => `濾波器有 ${r.channels} 個通道，對不上 ${r.input} 個輸入通道`,
  'fc-inputs': (r) => `權重接受 ${r.weights} 個輸入值，輸入卻有 ${r.input} 個`,
  'pool-activation': (r) => `不支援在池化上融合 ${r.activation}`,
  'same-padding': () => SAME_PADDING,
  'softmax-beta': (r) => `不支援 beta ${r.beta}（只支援 1）`,
  'add-constant': () => '不支援加上常數（實驗室只相加兩個計算出來的張量）',
  broadcast: () => '不支援廣播（兩個輸入的形狀必須相同）',
  'combine-constant': () => '不支援常數運算元（實驗室只結合兩個計算出來的張量）',
  'fused-here': (r) => `這裡不支援融合的 ${r.activation}`,
  'concat-axis': (r) => `不支援軸 ${r.axis}（只支援通道軸）`,
  'constant-operand': () => '不支援常數運算元',
  'mean-axes': (r) => `不支援對軸 [${r.axes.join(',')}] 取平均（只支援對 H 與 W，也就是 [1, 2]）`,
  'pad-hw': () => '只支援在 H 與 W 上填補',
} satisfies Writers<TfliteOpReason>;

const kerasReasonZh = (r: KerasLayerReason) => (KERAS_REASON_ZH[r.code] as (r: KerasLayerReason) => string)(r);
const opReasonZh = (r: TfliteOpReason) => (OP_REASON_ZH[r.code] as (r: TfliteOpReason) => string)(r);
const op = (p: { index: number; op: string }) => `第 ${p.index} 個運算（${p.op}）`;

export const IMPORT_ZH = {
  'import-not-model-file': (p) =>
    `${p.file} 不是實驗室能讀取的模型檔：請選擇 Keras 的 .h5 或 .keras、TF.js 的 model.json 與它的 .bin 檔，或 float32 的 .tflite。`,
  'import-choose-one': () => '請選擇一個模型檔（或一個 model.json 與它的 .bin 檔）。',
  'import-not-keras-zip': (p) =>
    `${p.file} 是 zip 檔，但不是 Keras 3 的 .keras 檔（需要 config.json 與 model.weights.h5）。`,
  'import-not-tfjs': (p) => `${p.file} 不是 TF.js Layers 模型（需要 modelTopology 與 weightsManifest）。`,
  'import-tfjs-missing-shard': (p) => `model.json 需要 ${p.file}；請把它和 model.json 一起選取。`,
  'import-unsupported-layer': (p) =>
    `層 ${p.layer} 是 ${p.className}，實驗室目前還不能匯入這種層。支援的層：${list(p.supported)}。`,
  'import-tflite-unreadable': (p) =>
    `${p.file} 不是可讀取的 .tflite 檔${p.problem ? `：${tfliteProblemZh(p.problem)}。` : '，讀取器回報：'}`,
  'import-tflite-unsupported-op': (p) =>
    `${p.file} 使用了 ${p.op}（第 ${p.index} 個運算），實驗室目前還不能匯入它。支援的運算：${list(p.supported)}。`,
  'import-tflite-quantized': (p) =>
    `${p.file} 已經量化過（${p.dynamicRange ? `動態範圍：輸入與輸出為浮點數，權重如 ${p.what}` : p.what}）；實驗室只匯入 float32 的 .tflite 檔。要執行與檢視它，請改用檢視器開啟。`,
  'import-tflite-subgraphs': (p) => `${p.file} 有 ${p.count} 個子圖；實驗室只匯入單一子圖的模型。`,
  'import-tflite-io': (p) =>
    `${p.file} 有 ${p.inputs} 個輸入與 ${p.outputs} 個輸出；實驗室只匯入一個輸入、一個輸出的模型。`,
  'import-tflite-input-type': (p) => `${p.file} 的輸入是 ${p.type}；實驗室只匯入 float32 輸入的模型。`,
  'import-h5-unreadable': (p) => `${p.file} 的開頭看起來是 HDF5 檔，但 h5wasm 讀不了它，檔案可能已損壞。h5wasm 回報：`,
  'import-zip-unreadable': (p) => `${p.file} 的開頭看起來是 zip 檔，但無法解壓縮，檔案可能已損壞。解壓縮程式回報：`,
  'import-json-unreadable': (p) =>
    `${p.entry ? `${p.file} 裡的 ${p.entry}` : p.file} 不是有效的 JSON，檔案可能已損壞或被截斷。JSON 剖析器回報：`,
  'import-h5-not-keras': () =>
    '這個 HDF5 檔不是 Keras 模型：它沒有 model_config 或 layer_names 屬性（請用 model.save 或 save_weights 儲存）。',
  'import-weight-not-float': (p) => `權重 ${p.weight} 不是浮點數陣列。`,
  'import-weight-missing': (p) => `層 ${p.layer} 列出了權重 ${p.weight}，但檔案裡沒有它。`,
  'import-tfjs-weight-type': (p) =>
    `權重 ${p.weight} ${p.quantized ? '已經量化過' : `的型別是 ${p.dtype}`}；實驗室只匯入 float32 的 TF.js 模型。`,
  'import-raw-pixels-fold': (p) =>
    `只有輸入經過 flatten、reshape、池化或補零後只連到一個 conv2d、depthwise 或 dense 層的模型，才能讀取原始 [0, 255] 像素；這個模型的路徑停在 ${p.first === 'input' ? '它的輸入（輸入連到了好幾層）' : p.first}。請改選 [0, 1] 或自動。`,
  'import-tfjs-graph-model': (p) =>
    `${p.file} 是 TF.js 的計算圖模型（由 SavedModel 或凍結的計算圖轉換而來）；實驗室匯入的是 TF.js Layers 模型（tensorflowjs_converter --output_format tfjs_layers_model，或在 TF.js 裡 model.save）。`,
  'import-tfjs-shard-short': (p) =>
    `.bin 檔共有 ${p.bytes} 位元組，但權重 ${p.weight} 結束在第 ${p.needed} 位元組：請選擇 model.json 列出的、未經修改的 .bin 檔。`,
  'import-no-keras-config': () => '檔案裡沒有 Keras 模型設定（應該是 {"class_name", "config"}）。',
  'import-model-class': (p) => `這個模型是 ${p.className}；實驗室只匯入 Sequential 與函數式的 Keras 模型。`,
  'import-no-layer-list': () => '模型設定裡沒有層的清單。',
  'import-sequential-input-shape': () => '這個 Sequential 模型沒有註明輸入形狀。',
  'import-no-layers': () => '模型裡沒有任何層。',
  'import-shared-layer': (p) => `層 ${p.layer} 是共用的（被呼叫了 ${p.calls} 次）；實驗室只匯入只呼叫一次的層。`,
  'import-functional-config': () => '函數式模型的設定不是物件。',
  'import-several-inputs': () => '模型有好幾個輸入；實驗室只匯入一個影像輸入的模型。',
  'import-nested-model': (p) => `層 ${p.layer} 是巢狀的 ${p.className}；請把模型攤平後再儲存。`,
  'import-several-outputs': () => '模型有好幾個輸出；實驗室只匯入一個輸出的模型。',
  'import-no-input-layer': () => '函數式模型沒有帶形狀的 InputLayer。',
  'import-weights-only': (p) =>
    `檔案裡只有權重（${p.layers.length > 0 ? list(p.layers) : '沒有任何層'}），沒有模型設定；實驗室只認得 TF 教學 CNN 的純權重檔（conv2d 3x3x1x12、dense 2028x10）。請用 model.save() 儲存整個模型。`,
  'import-input-shape': (p) =>
    `模型的輸入形狀是 ${dims(p.shape)}；實驗室只匯入影像模型：[h, w, c]，或 28x28 灰階的 [784]、[28, 28] 或 [28, 28, 1]。`,
  'import-output-not-last': (p) => `模型的輸出 ${p.output} 不是最後計算的層；實驗室需要它是最後一層。`,
  'import-layer-reads': (p) => `層 ${p.layer} 讀取 ${p.input}，但 ${p.input} 在它之後才出現，或根本不存在。`,
  'import-layer-inputs': (p) => `層 ${p.layer}（${p.className}）有 ${p.count} 個輸入；它只接受一個。`,
  'import-fusion-target': (p) =>
    `層 ${p.layer}（${p.className}）必須緊接在沒有其他層讀取的線性 Conv2D、DepthwiseConv2D 或 Dense${p.batchNorm ? '' : '（或 Add）'}之後；它接在 ${p.follows} 之後。`,
  'import-duplicate-name': (p) => `有兩個層都叫做 ${p.name}。`,
  'import-layer': (p) => `層 ${p.layer}（${p.className}）：${kerasReasonZh(p.reason)}。`,
  'import-layer-shape': (p) => `${shapeZh(p.problem)}。`,
  'import-weight-count': (p) =>
    `層 ${p.layer} 有 ${p.got.length} 個權重陣列（${p.got.length > 0 ? list(p.got) : '沒有'}）；應該是 ${list(p.expected)}。`,
  'import-batchnorm-channels': (p) => `BatchNormalization 有 ${p.channels} 個通道，它前面的層卻有 ${p.before} 個。`,
  'import-tflite-graph': (p) =>
    `${p.file} 無法匯入${p.problem ? `：${tfliteProblemZh(p.problem)}${p.where ? `（位置：${p.where}）` : ''}。` : '，讀取器回報：'}`,
  'import-tflite-input-shape': (p) =>
    `${p.file} 的輸入形狀是 ${dims(p.shape)}；實驗室只匯入影像模型（[h, w, c]、[h, w] 或 [784]）。`,
  'import-tflite-output-not-last': (p) => `${p.file}：計算圖的輸出不是最後計算的層；實驗室需要它是最後一層。`,
  'import-tflite-op': (p) => `運算 ${p.op}（${p.layer}）：${opReasonZh(p.reason)}。`,
  'import-tflite-op-reads': (p) => `${op(p)}讀取張量 ${p.tensor}，但它之前沒有任何運算算出這個張量。`,
  'import-tflite-op-constant': (p) => `${op(p)}：第 ${p.input} 個輸入必須是${p.int32 ? ' int32 ' : ''}常數。`,
  'import-tflite-op-fuse': (p) => `${op(p)}必須緊接在沒有啟動函數、也沒有其他運算讀取的 FULLY_CONNECTED 之後。`,
  'import-tflite-op-shape': (p) => `${op(p)}：${shapeZh(p.problem)}。`,
  'import-tflite-op-output': (p) => `${op(p)}在檔案中的輸出形狀是 ${dims(p.inFile)}，在實驗室中卻是 ${dims(p.inLab)}。`,
  'import-npy-fortran': (p) => `${p.file} 是 Fortran 順序；請改用 C 順序儲存。`,
  'import-npy-dtype': (p) =>
    `${p.file} 的資料型別是 ${p.dtype ?? '未知的型別'}；實驗室只讀取 float32（<f4）或 uint8（|u1）的 .npy 檔。`,
  'import-npy-not-float': (p) => `${p.file} 既不是 .npy 檔，也不是原始的 float32 數值。`,
  'import-npy-count': (p) =>
    `${p.file} 有 ${p.values} 個數值，不是整數張 ${dims(p.shape)} 的圖片（每張 ${p.per} 個數值）。`,
  'import-needs-image-file': (p) =>
    `模型的輸入是 ${dims(p.shape)} 的影像，不是 MNIST：請用 --calibration-images DIR（PNG 圖片的資料夾）或 FILE（.npy 或原始 float32，[n, ${p.shape.join(', ')}]）提供它的圖片；JPEG 請在網頁中解碼。`,
  'import-no-png': (p) => `${p.dir} 裡沒有 .png 檔：請把校準圖片以 PNG 檔放進這個資料夾。`,
  'import-image-input': (p) => `模型輸入 ${dims(p.shape)} 不是影像（應為 H、W 與 1 或 3 個通道）。`,
  'import-image-pixels': (p) => `${p.bytes} 位元組不是 ${p.width}x${p.height} 的 RGBA 像素。`,
  'import-image-values': (p) => `第 ${p.image} 張圖片有 ${p.values} 個數值，應該是 ${p.per} 個。`,
} satisfies Writers<ImportProblem>;

/** 一個匯入問題的句子。 */
export function importProblemZh(p: ImportProblem): string {
  return (IMPORT_ZH[p.code] as (p: ImportProblem) => string)(p);
}

/**
 * 問題帶著的第三方英文原始訊息（頁面把它接在中文句子後面，標為 lang="en"），沒有就是 undefined。讀取器沒有說出
 * 問題代碼時，它的英文訊息就是原始訊息。
 */
export function importRawDetail(p: ImportProblem): string | undefined {
  if ('raw' in p) return p.raw;
  if ((p.code === 'import-tflite-unreadable' || p.code === 'import-tflite-graph') && !p.problem) return p.detail;
  return undefined;
}
