/**
 * Deployment targets as data: RAM and flash of a few common boards, and a custom entry. Sizes in KiB as the
 * vendors state them (Arduino Nano 33 BLE Sense: nRF52840, 256 KB RAM, 1 MB flash; ESP32: 520 KB SRAM, 4 MB
 * flash on typical modules; Raspberry Pi Pico: RP2040, 264 KB SRAM, 2 MB flash; a Cortex-M0+ part with 32 KB
 * RAM and 256 KB flash, e.g. the SAMD21 of the Arduino Zero).
 */

export interface DeployTarget {
  /** CLI and URL id: nano33ble, esp32, pico, m0-32k, or custom:RAM_KB:FLASH_KB. */
  id: string;
  name: string;
  ramKb: number;
  flashKb: number;
}

export const DEPLOY_TARGETS: readonly DeployTarget[] = [
  { id: 'nano33ble', name: 'Arduino Nano 33 BLE Sense', ramKb: 256, flashKb: 1024 },
  { id: 'esp32', name: 'ESP32', ramKb: 520, flashKb: 4096 },
  { id: 'pico', name: 'Raspberry Pi Pico', ramKb: 264, flashKb: 2048 },
  { id: 'm0-32k', name: 'Cortex-M0+ with 32 KB RAM', ramKb: 32, flashKb: 256 },
];

export const DEFAULT_TARGET_ID = 'nano33ble';

/** The `custom:RAM_KB:FLASH_KB` id for given sizes. */
export const customTargetId = (ramKb: number, flashKb: number): string => `custom:${ramKb}:${flashKb}`;

/** The target an id names, or an Error whose message says what is accepted. */
export function parseTarget(id: string): DeployTarget {
  const preset = DEPLOY_TARGETS.find((t) => t.id === id);
  if (preset) return preset;
  const m = /^custom:(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(id);
  if (m && Number(m[1]) > 0 && Number(m[2]) > 0) {
    const ramKb = Number(m[1]);
    const flashKb = Number(m[2]);
    return { id, name: `custom (${ramKb} KB RAM, ${flashKb} KB flash)`, ramKb, flashKb };
  }
  const ids = DEPLOY_TARGETS.map((t) => t.id).join(', ');
  throw new Error(`unknown target "${id}": use one of ${ids} or custom:RAM_KB:FLASH_KB (positive numbers)`);
}

export interface TargetFit {
  fits: boolean;
  ramBytes: number;
  flashBytes: number;
  /** Target capacity minus need; negative when it does not fit. */
  ramMarginBytes: number;
  flashMarginBytes: number;
}

/** Whether `ramBytes` and `flashBytes` fit the target (1 KB = 1,024 bytes). */
export function fitTarget(target: DeployTarget, ramBytes: number, flashBytes: number): TargetFit {
  const ramMarginBytes = Math.floor(target.ramKb * 1024) - ramBytes;
  const flashMarginBytes = Math.floor(target.flashKb * 1024) - flashBytes;
  return { fits: ramMarginBytes >= 0 && flashMarginBytes >= 0, ramBytes, flashBytes, ramMarginBytes, flashMarginBytes };
}
