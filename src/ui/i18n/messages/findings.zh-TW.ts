/**
 * 精靈檢查結果（findings）的繁體中文句子，由核心的訊息資料（src/core/wizard/finding-message.ts）寫成；英文句子在
 * src/core/wizard/finding-english.ts。每個 key 都要有一句，少一個就無法通過型別檢查。部署檢查的原因由它們的資料
 * （problems）寫成，見 deploy.zh-TW.ts。
 */
import type { LabMode } from '../../../core/modes/lab-modes';
import type { FindingKey, MessageOf, Sizes, Speeds } from '../../../core/wizard/finding-message';
import { deployProblemZh } from './deploy.zh-TW';

/** 每種模式為什麼值得下一個試。 */
export const WHY_NEXT_ZH: Record<LabMode, string> = {
  float32: '完全不量化',
  float16: '保留浮點運算，模型大小仍減半',
  dynamic: '只量化權重，啟動值在執行時動態量測',
  int8: '全整數 int8，啟動值範圍由校準資料決定',
  'int8-io': '全整數 int8，連輸入與輸出也是整數',
  int16x8: '權重維持 int8，啟動值改用 16 位元',
  'dynamic-int4': '權重以 4 位元儲存，啟動值維持浮點數',
  int4: '把 int8 權重再減半成 4 位元，啟動值為 int8',
  qat: '以模擬 int8 捨入的方式重新訓練，讓權重適應量化',
};

const pct = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;
const points = (p: number) => `${p.toFixed(2)} 個百分點`;
const ms = (v: number) => `${v < 1 ? v.toFixed(3) : v.toFixed(2)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const bytes = (n: number) => n.toLocaleString('zh-TW');
const change = (m: { floatAccuracy: number; accuracy: number }) => `${pct(m.floatAccuracy)} → ${pct(m.accuracy)}`;
const smaller = (m: Sizes) =>
  `比 float32 小 ${m.ratio.toFixed(1)} 倍（${bytes(m.bytes)} 對 ${bytes(m.floatBytes)} 位元組）`;
const versus = (m: Speeds) => `中位數 ${ms(m.modeMs)} 對 ${ms(m.floatMs)}`;
const target = (t: { name: string; ramKb: number; flashKb: number }) =>
  `${t.name}（${t.ramKb} KB RAM、${t.flashKb} KB flash）`;

/** 每個 key 的句子；`prerequisite` 由精靈的葉節點表提供，這裡不用。 */
export const FINDINGS_ZH: { [K in Exclude<FindingKey, 'prerequisite'>]: (m: MessageOf<K>) => string } = {
  missing: (m) => `還沒有 ${m.mode} 的量測結果：請先執行建議的模式。`,
  'accuracy-no-lower': (m) => `${m.mode} 的準確率是 ${pct(m.accuracy)}，不低於浮點模型（${pct(m.floatAccuracy)}）。`,
  'accuracy-within': (m) =>
    `${m.mode} 下降 ${points(m.dropPoints)}（${change(m)}），在你可接受的 ${m.tolerance} 個百分點之內。`,
  'accuracy-drop': (m) => {
    const tries = m.next.map(({ mode, measured }) =>
      measured
        ? `${mode}（${WHY_NEXT_ZH[mode]}）量到 ${pct(measured.accuracy)}，下降 ${points(measured.dropPoints)}${measured.withinTolerance ? '，在容許範圍內' : '，同樣太多'}`
        : `下一步試試 ${mode}（${WHY_NEXT_ZH[mode]}）`,
    );
    const next = tries.length
      ? `下一步：${tries.join('；')}。`
      : '請試試更多輪的量化感知訓練，或這個模型就用 float32。';
    return `${m.mode} 下降 ${points(m.dropPoints)}（${change(m)}），超過你可接受的 ${m.tolerance} 個百分點。${next}`;
  },
  'float-mismatch': (m) =>
    `float32 的 .tflite 在執行環境中得到 ${pct(m.runtimeAccuracy)}，TF.js 則是 ${pct(m.tfjsAccuracy)}；這裡的下降都是相對於 TF.js 量測的。`,
  'size-ok': (m) => `${m.mode} ${smaller(m)}，符合預期（約 ${m.promised} 倍）。`,
  'size-short': (m) =>
    `${m.mode} 只${smaller(m)}，不到預期的約 ${m.promised} 倍。` +
    '預期只計算權重：計算圖、中繼資料、偏差值和仍是浮點數的張量是固定成本，在小模型裡占比更大。',
  'speed-unmeasured': () => '這次比較沒有量測延遲。',
  'target-not-measured': (m) =>
    `實驗室是在這台電腦的 CPU（WebAssembly）上量測延遲，而不是在${m.target === 'gpu' ? ' GPU ' : ' Edge TPU 或微控制器'}上；實際速度可能差很多。`,
  'speed-slower-unexpected': (m) =>
    `原本預期會更快，但 ${m.mode} 在這裡比 float32 慢 ${m.ratio.toFixed(2)} 倍（${versus(m)}）。` +
    '在桌上型 CPU 上，執行環境的浮點路徑（XNNPACK，使用 SIMD）高度最佳化，而這麼小的模型主要花在每個運算的固定成本；' +
    '整數核心的好處要在行動裝置 CPU、微控制器與 Edge TPU 上才看得到。',
  'speed-same-unexpected': (m) => `原本預期會更快，但 ${m.mode} 在這裡和 float32 差不多快（${versus(m)}）。`,
  'speed-slower-expected': (m) =>
    `${m.mode} 比 float32 慢 ${m.ratio.toFixed(2)} 倍（${versus(m)}），符合預期：它的核心不如 int8 與浮點數的最佳化。`,
  'speed-slower-than-expected': (m) =>
    `${m.mode} 在這裡比 float32 慢 ${m.ratio.toFixed(2)} 倍（${versus(m)}），超出預期。`,
  'speed-ok': (m) => `${m.mode}：${versus(m)}（float32 時間的 ${m.ratio.toFixed(2)} 倍）。`,
  dominated: (m) =>
    `在這個模型上，${m.mode} 每一項都不差：${bytes(m.bytes)} 位元組、${ms(m.latencyMs)}、${pct(m.accuracy)}。` +
    '決策樹給的是一般情況的答案；你的量測結果才是最終依據。',
  'float-gain': (m) => `${m.mode} 可以小 ${m.ratio.toFixed(1)} 倍，準確率下降 ${points(m.dropPoints)}。`,
  'deploy-fits': (m) =>
    `${m.mode} 放得進 ${target(m.target)}：需要 ${kb(m.ramBytes)} RAM（arena ${kb(m.arenaBytes)} 加上直譯器估計值）與 ` +
    `${kb(m.flashBytes)} flash，還剩 ${kb(m.ramMarginBytes)} RAM。`,
  'deploy-no-fit': (m) =>
    `${m.mode} 無法在 ${target(m.target)} 上執行：${m.problems.map(deployProblemZh).join('；')}。`,
  'edgetpu-ready': (m) =>
    `${m.mode}：Edge TPU 編譯器會對應 ${m.mappedOps} 個運算${m.cpuOps.length ? `；${m.cpuOps.join('、')} 留在 CPU 上（浮點輸入輸出）` : ''}。`,
  'edgetpu-fallback': (m) => `${m.mode} 無法整個在 Edge TPU 上執行：${m.problems.map(deployProblemZh).join('；')}。`,
};
