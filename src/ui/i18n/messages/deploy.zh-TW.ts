/**
 * 部署檢查原因的繁體中文句子，由核心的資料（src/core/deploy/deploy-problem.ts）寫成；英文句子（report.json 與 CLI
 * 用的）也在那裡。每個 code 都要有一句，少一個就無法通過型別檢查。
 */
import type {
  DeployProblem,
  DeployProblemCode,
  EdgeTpuCpuReason,
  EdgeTpuProblem,
  KernelTypeProblem,
} from '../../../core/deploy/deploy-problem';

type Writers<U extends { code: string }> = { [K in U['code']]: (p: Extract<U, { code: K }>) => string };

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const or = (names: readonly string[]) => names.join('、');
const shape = (s: readonly number[]) => `[${s.join(',')}]`;

/** 接在 op 名稱後面的句子。 */
const KERNEL_TYPES_ZH = {
  'io-differ': (p) => `的輸入 ${p.input} 與輸出 ${p.output} 型別不同；${p.source} 要求兩者相同`,
  hybrid: (p) =>
    `的輸入為 ${p.input}、權重為 ${p.weights} 時是混合（動態範圍）核心，TFLite Micro 沒有這種核心（${p.source}）`,
  'bias-int32-or-int64': (p) => `在 int16 輸入時需要 INT32 或 INT64 的偏差值，這個檔案是 ${p.bias}（${p.source}）`,
  'bias-int32': (p) => `在 int8 輸入時需要 INT32 的偏差值，這個檔案是 ${p.bias}（${p.source}）`,
  'bias-reads-int64': (p) => `在 int16 輸入時讀取 INT64 的偏差值，這個檔案是 ${p.bias}（${p.source}）`,
  'input-types': (p) => `只接受 ${or(p.allowed)}，這裡是 ${p.input}${p.source ? `（${p.source}）` : ''}`,
  'int16-output-input': (p) => `在 INT16 輸出時需要 INT8 或 INT16 輸入，這裡是 ${p.input}`,
  'int16-zero-point': (p) => `在 int16 輸入時輸出的零點必須是 0（${p.source}）`,
  'pair-unsupported': (p) => `不支援 ${p.input} → ${p.output}（${p.source}）`,
  'type-changes': (p) => `把 ${p.input} 變成 ${p.output}；${p.source} 要求型別不變`,
  'from-float16': (p) =>
    `的 FLOAT16 輸入不在 TFLite Micro 裡：${p.source} 只接受 INT8、INT16 或 UINT8 輸入，所以 float16 權重無法在裝置上展開`,
  'from-unsupported': (p) => `不支援 ${p.input} 輸入（${p.source}）`,
  'output-float32': (p) => `必須輸出 FLOAT32，這裡是 ${p.output}`,
} satisfies Writers<KernelTypeProblem>;

/** Edge TPU 編譯器無法對應一個 op 的原因。 */
const EDGETPU_ZH = {
  'not-supported': (p) => `${p.op} 不在 Edge TPU 編譯器支援的運算清單中`,
  'tensor-dynamic': (p) => `${p.op}：張量「${p.tensor}」的大小是動態的 ${shape(p.shape)}；大小必須在編譯時固定`,
  'tensor-dims': (p) => `${p.op}：張量「${p.tensor}」${shape(p.shape)} 有超過 3 個大於 1 的維度`,
  'tensor-type': (p) => `${p.op}：張量「${p.tensor}」是 ${p.type}；Edge TPU 只執行 8 位元量化的張量`,
  'pool-activation': (p) => `${p.op}：池化層不能有融合的啟動函數`,
  'conv-dilation': (p) => `${p.op}：卷積在 x 與 y 方向必須使用相同的膨脹率`,
  'fc-format': (p) => `${p.op}：全連接層需要預設的權重格式與一維的輸出`,
  'softmax-size': (p) => `${p.op}：softmax 只支援最多 ${p.maxElements} 個元素的一維輸入`,
} satisfies Writers<EdgeTpuProblem>;

const opList = (ops: number[]) => `［op ${ops.join('、')}］`;

/** 每個部署問題的句子（DeployCheck.problems、Edge TPU 的 problems）。 */
export const DEPLOY_ZH = {
  'tflm-custom-op': (p) =>
    `自訂 op「${p.name}」沒有 TFLite Micro 內建核心；需要你自己寫核心並用 AddCustom() 註冊 ${opList(p.ops)}`,
  'tflm-no-kernel': (p) => `${p.op} 沒有 TFLite Micro 核心（不在 micro_mutable_op_resolver.h 裡）${opList(p.ops)}`,
  'tflm-kernel-types': (p) => `${p.op} ${kernelTypesZh(p.problem)} ${opList(p.ops)}`,
  'ram-short': (p) => `需要 ${kb(p.ramBytes)} RAM（arena 加上直譯器估計值）；${p.target} 只有 ${p.ramKb} KB`,
  'flash-short': (p) => `模型占用 ${kb(p.flashBytes)} flash；${p.target} 只有 ${p.flashKb} KB`,
  'edgetpu-no-ops': () => '這個檔案沒有任何 op',
  'edgetpu-fallback': (p) => `${edgeTpuZh(p.problem)}（op ${p.index}）；它和之後的每個 op 都會在 CPU 上執行`,
} satisfies Writers<DeployProblem>;

function kernelTypesZh(p: KernelTypeProblem): string {
  return (KERNEL_TYPES_ZH[p.code] as (p: KernelTypeProblem) => string)(p);
}

function edgeTpuZh(p: EdgeTpuProblem): string {
  return (EDGETPU_ZH[p.code] as (p: EdgeTpuProblem) => string)(p);
}

/** 一個部署問題的繁體中文句子。 */
export function deployProblemZh(p: DeployProblem): string {
  return (DEPLOY_ZH[p.code as DeployProblemCode] as (p: DeployProblem) => string)(p);
}

/** 一個 op 為什麼在 CPU 上執行（Edge TPU 區段旁）。 */
export function edgeTpuCpuZh(r: EdgeTpuCpuReason): string {
  if (r.code === 'float-io') return '浮點輸入輸出的轉換，在 CPU 上執行';
  if (r.code === 'after-fallback') return '接在 Edge TPU 無法執行的 op 之後（編譯器只切分一次）';
  return edgeTpuZh(r.problem);
}
