/**
 * 為什麼用這個 tfjs 後端（src/backends/select-backend.ts 的 BackendWhy）的繁體中文句子；英文句子是 BackendChoice.reason。
 * 每個探測結果都要有一句，少一個就無法通過型別檢查。後端啟動失敗的錯誤訊息來自 tfjs，只列出失敗的後端名稱；軟體轉接器的
 * 名稱與完整的英文原因在提示文字（title）裡。
 */
import type { BackendWhy, ProbeCode } from '../../../backends/select-backend';

const PROBE_ZH = {
  'no-navigator-gpu': () => '這個瀏覽器沒有 WebGPU',
  'request-failed': () => '要求 WebGPU 轉接器失敗',
  'no-adapter': () => '瀏覽器沒有提供 WebGPU 轉接器',
  'fallback-adapter': () => '唯一的 WebGPU 轉接器是軟體備援，比 WASM 慢',
  'software-adapter': () => '這個 WebGPU 轉接器是軟體算繪器，比 WASM 慢',
  hardware: (adapter?: string) => `硬體 WebGPU 轉接器（${adapter}）`,
} satisfies Record<ProbeCode, (adapter?: string) => string>;

/** 後端選擇原因的句子。 */
export function backendWhyZh(why: BackendWhy): string {
  const { pick, failed } = why;
  const picked =
    pick.code === 'auto-webgpu'
      ? `自動選擇：硬體轉接器上的 WebGPU（${pick.adapter}）`
      : pick.code === 'auto-wasm'
        ? `自動選擇：WASM，因為${PROBE_ZH[pick.probe](pick.adapter)}`
        : `手動選擇：${pick.preference}`;
  if (!failed?.length) return picked;
  return `${picked}；${failed.map((f) => f.name).join('、')} 無法啟動，所以改用下一個後端`;
}
