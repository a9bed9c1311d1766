/**
 * File names for downloaded artifacts. They say what is inside (dataset, preset, mode) so files
 * from several runs can sit in one folder.
 */

/** "mnist-tutorial-int8.tflite" for preset "tutorial", mode "int8". */
export function tfliteFileName(preset: string, mode: string): string {
  return `mnist-${safeName(preset)}-${safeName(mode)}.tflite`;
}

/** "mobilenet-int8.tflite" for an imported "mobilenet.h5": named after the imported file. */
export function importedTfliteFileName(sourceFile: string, mode: string): string {
  return `${safeName(sourceFile.replace(/\.[^.]*$/, '')) || 'imported'}-${safeName(mode)}.tflite`;
}

/** "quantization-lab-tutorial.zip": every .tflite file plus report.json. */
export function zipFileName(preset: string): string {
  return `quantization-lab-${safeName(preset)}.zip`;
}

/** Keeps letters, digits, '-', '_' and '.'; anything else (slashes, spaces) becomes '-'. */
function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-');
}
