import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { imagesToFloat } from '../mnist/dataset';
import { inspectTflite } from '../tflite/read-tflite';
import { planArena } from './arena-plan';
import { generateCSource, hexRows } from './c-source';
import { estimateInterpreterOverhead } from './interpreter-overhead';
import { labFiles } from './testing/lab-files';
import { checkTflm } from './tflm-compat';

const STUB = join(__dirname, 'testing', 'tflm-stub');
const files = labFiles(imagesToFloat(loadMnistFromIdx().train, 0, 20));
const supported = files.filter((f) => checkTflm(inspectTflite(f.bytes)).compatible);
const hasGpp = spawnSync('g++', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'lab-c-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Parses the bytes back out of a generated model_data.cc. */
function bytesOf(source: string): Uint8Array {
  const body = /\{\n([\s\S]*)\n\};/.exec(source)?.[1] ?? '';
  return Uint8Array.from(body.match(/0x[0-9a-f]{2}/g) ?? [], (h) => parseInt(h, 16));
}

describe('generateCSource', () => {
  it('writes the file as an aligned array, 12 bytes a line, with its length', () => {
    const file = supported[0]!;
    const out = generateCSource(file.bytes, 'int8');
    const cc = out.files['int8_model_data.cc']!;
    expect(cc).toContain('alignas(16) const unsigned char g_model_data[] = {');
    expect(cc).toContain(`const unsigned int g_model_data_len = ${file.bytes.length};`);
    expect(bytesOf(cc)).toEqual(file.bytes);
    expect(hexRows(Uint8Array.of(1, 2, 255), 2)).toBe('  0x01, 0x02,\n  0xff');
    expect(out.files['int8_model_data.h']).toContain('extern const unsigned char g_model_data[];');
  });

  it('refuses files TFLite Micro cannot run, with the reason', () => {
    const float16 = files.find((f) => f.mode === 'float16')!;
    expect(() => generateCSource(float16.bytes, 'float16')).toThrow(/DEQUANTIZE from FLOAT16/);
  });

  it('registers exactly the ops the file uses, in a resolver of that size', () => {
    for (const f of supported) {
      const main = generateCSource(f.bytes, f.mode).files[`${f.mode}_main.cc`]!;
      const { resolverMethods } = checkTflm(inspectTflite(f.bytes));
      expect(main).toContain(`tflite::MicroMutableOpResolver<${resolverMethods.length}> resolver;`);
      expect([...main.matchAll(/resolver\.(Add\w+)\(\)/g)].map((m) => m[1])).toEqual(resolverMethods);
    }
  });
});

describe.skipIf(!hasGpp)('the generated C++ compiles, links and runs against the TFLM API stub (g++)', () => {
  it.each(supported.map((f) => [f.preset, f.mode, f] as const))('%s %s', (preset, mode, f) => {
    const name = `${preset}-${mode}`;
    const out = generateCSource(f.bytes, name);
    for (const [file, text] of Object.entries(out.files)) writeFileSync(join(dir, file), text);
    const exe = join(dir, name);
    execFileSync('g++', [
      '-std=c++17',
      '-Wall',
      '-Werror',
      '-I',
      STUB,
      '-I',
      dir,
      join(dir, out.mainName),
      join(dir, out.sourceName),
      '-o',
      exe,
    ]);
    const run = spawnSync(exe, { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const registered = [...run.stdout.matchAll(/^registered (\d+)$/gm)].map((m) => Number(m[1]));
    const codes = inspectTflite(f.bytes).operatorCodes.map((c) => c.code);
    expect(registered.sort((a, b) => a - b)).toEqual([...new Set(codes)].sort((a, b) => a - b));
    expect(run.stdout).toMatch(/^predicted class \d; arena used \d+ of \d+ bytes$/m);
  });
});

/**
 * Opt-in: the same programs against TensorFlow Lite Micro itself. Set TFLM_LIB to a libtflm.a built from
 * tflite-micro (reference kernels, -DTF_LITE_STATIC_MEMORY) and TFLM_INCLUDES to its include folders
 * (tflite-micro, flatbuffers/include, gemmlowp, ruy), separated by ':'. AllocateTensors() must succeed in the
 * arena the lab computed, and the program prints how much of it TFLM used.
 */
const tflmLib = process.env['TFLM_LIB'];
const tflmIncludes = (process.env['TFLM_INCLUDES'] ?? '').split(':').filter(Boolean);
describe.skipIf(!hasGpp || !tflmLib)('the generated C++ runs on TensorFlow Lite Micro (TFLM_LIB)', () => {
  it.each(supported.map((f) => [f.preset, f.mode, f] as const))('%s %s', (preset, mode, f) => {
    const name = `tflm-${preset}-${mode}`;
    const out = generateCSource(f.bytes, name);
    for (const [file, text] of Object.entries(out.files)) writeFileSync(join(dir, file), text);
    const exe = join(dir, name);
    const includes = [...tflmIncludes, dir].flatMap((d) => ['-I', d]);
    const sources = [join(dir, out.mainName), join(dir, out.sourceName)];
    execFileSync('g++', ['-std=c++17', '-DTF_LITE_STATIC_MEMORY', ...includes, ...sources, tflmLib!, '-o', exe]);
    const run = spawnSync(exe, { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const used = /arena used (\d+) of (\d+) bytes/.exec(run.stdout + run.stderr);
    expect(Number(used?.[1])).toBeLessThanOrEqual(Number(used?.[2]));
  });
});

describe.skipIf(!hasGpp || !tflmLib)('the planned arena equals what TensorFlow Lite Micro plans (TFLM_LIB)', () => {
  const exe = join(dir, 'tflm-arena');
  beforeAll(() => {
    const includes = tflmIncludes.flatMap((d) => ['-I', d]);
    const source = join(__dirname, 'testing', 'tflm-arena.cc');
    execFileSync('g++', ['-std=c++17', '-DTF_LITE_STATIC_MEMORY', ...includes, source, tflmLib!, '-o', exe]);
  });
  it.each(supported.map((f) => [f.preset, f.mode, f] as const))('%s %s', (preset, mode, f) => {
    const path = join(dir, `${preset}-${mode}.tflite`);
    writeFileSync(path, f.bytes);
    const run = spawnSync(exe, [path], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const [, planned, persistent] = /planned (\d+) persistent (\d+)/.exec(run.stdout) ?? [];
    const info = inspectTflite(f.bytes);
    expect(planArena(info).arenaBytes).toBe(Number(planned));
    // The estimate is meant to cover TFLM's persistent bytes (fitted on this kind of build).
    expect(estimateInterpreterOverhead(info)).toBeGreaterThanOrEqual(Number(persistent));
  });
});

if (!tflmLib)
  console.warn('c-source.test: TFLM_LIB is not set, so the generated C++ is not run on TensorFlow Lite Micro');
if (!hasGpp) console.warn('c-source.test: g++ is missing, so the generated C++ is not compiled');
