/**
 * 各面板核心錯誤的繁體中文句子：資料集檔案（src/core/mnist/dataset-problem.ts）與剪枝／分群設定
 * （src/core/compress/compress-problem.ts）。英文句子在各自的檔案裡；每個 code 都要有一句，少一個就無法通過型別檢查。
 */
import type { CompressInteger, CompressProblem } from '../../../core/compress/compress-problem';
import type { DatasetProblem } from '../../../core/mnist/dataset-problem';

type Writers<U extends { code: string }> = { [K in U['code']]: (p: Extract<U, { code: K }>) => string };

const idx = (s: string) => `這不是有效的 MNIST IDX 檔：${s}`;
const named = (file: string | undefined) => (file ? `資料集檔案 ${file}` : '資料集檔案');

export const DATASET_ZH = {
  'dataset-idx-too-short': (p) => idx(`只有 ${p.bytes} 位元組`),
  'dataset-idx-magic': (p) => idx(`魔術數字是 ${p.magic}（應為 ${p.expected}）`),
  'dataset-idx-not-bytes': (p) => idx(`魔術數字 ${p.magic} 不是無號位元組的 IDX 陣列`),
  'dataset-idx-rank': (p) => idx(`維度數是 ${p.rank}`),
  'dataset-idx-truncated-header': () => idx('標頭被截斷'),
  'dataset-idx-data': (p) => idx(`宣告有 ${p.declared} 位元組的資料，實際只有 ${p.holds} 位元組`),
  'dataset-image-rank': (p) => `影像檔有 ${p.rank} 個維度，應該是 3 個`,
  'dataset-count-mismatch': (p) => `影像檔有 ${p.images} 張影像，標籤檔卻有 ${p.labels} 個標籤`,
  'dataset-gzip': (p) => `${named(p.file)}已損毀：gzip 資料無法解壓縮（${p.detail}）`,
  'dataset-too-short': (p) => `${named(p.file)}被截斷了（只有 ${p.bytes} 位元組）`,
  'dataset-magic': (p) => `${named(p.file)}不是 Quantization Lab 的資料集（魔術字串是「${p.magic}」）`,
  'dataset-image-size': (p) => `${named(p.file)}的影像是 ${p.rows}x${p.cols}，應該是 28x28`,
  'dataset-truncated': (p) => `${named(p.file)}被截斷了：只有 ${p.bytes} / ${p.need} 位元組`,
  'dataset-label': (p) => `${named(p.file)}已損毀：索引 ${p.index} 的標籤是 ${p.label}`,
  'dataset-missing': (p) =>
    `找不到資料集檔案 ${p.file}（${p.status === undefined ? '伺服器回傳的是 HTML 網頁' : `HTTP ${p.status}`}）。它是在安裝時產生的：請執行 "npm install"，再重新建置。`,
  'dataset-fetch': (p) => `無法從 ${p.url} 載入資料集：${p.detail}`,
} satisfies Writers<DatasetProblem>;

const INTEGER_ZH: Record<CompressInteger, string> = {
  epochs: '微調訓練輪數',
  batchSize: '批次大小',
  trainLimit: '訓練子集大小',
  clusters: '分群數',
};

const STAGE_ZH = { pruning: '剪枝', clustering: '分群' } as const;

export const COMPRESS_ZH = {
  'compress-integer': (p) => `「${INTEGER_ZH[p.setting]}」必須是 ${p.min} 到 ${p.max} 的整數（目前是 ${p.got}）`,
  'compress-learning-rate': (p) => `學習率必須在 (0, 1] 之間（目前是 ${p.got}）`,
  'compress-layers': (p) => `壓縮的層必須是 dense 或 all（目前是 ${p.got}）`,
  'compress-sparsity': (p) => `稀疏度必須大於等於 0 且小於 1，例如 0.8 代表 80% 為零（目前是 ${p.got}）`,
  'compress-initial-sparsity': (p) => `初始稀疏度必須介於 0 與最終稀疏度 ${p.sparsity} 之間（目前是 ${p.got}）`,
  'compress-schedule': (p) => `剪枝排程必須是 polynomial 或 constant（目前是 ${p.got}）`,
  'compress-frequency': (p) => `遮罩更新間隔必須是正整數（目前是 ${p.got}）`,
  'compress-centroid-init': (p) => `質心初始方式必須是 linear 或 density（目前是 ${p.got}）`,
  'compress-nothing': () => '請選擇大於 0% 的稀疏度，或設定分群數',
  'compress-invalid': (p) => `${STAGE_ZH[p.stage]}設定無效：${p.problems.map(compressProblemZh).join('；')}`,
  'compress-imported-model': () =>
    '剪枝與分群要透過實驗室的訓練迴圈微調，而它只能建立內建的預設架構：匯入的模型目前還不能壓縮',
} satisfies Writers<CompressProblem>;

/** 一個剪枝／分群問題的句子。 */
export function compressProblemZh(p: CompressProblem): string {
  return (COMPRESS_ZH[p.code] as (p: CompressProblem) => string)(p);
}

/** 一個資料集檔案問題的句子。 */
export function datasetProblemZh(p: DatasetProblem): string {
  return (DATASET_ZH[p.code] as (p: DatasetProblem) => string)(p);
}
