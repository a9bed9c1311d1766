import { readFile } from 'node:fs/promises';
import { expect, openLab, parsePercent, test } from './fixtures';

const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/octet-stream', buffer });

test.describe('tflite inspector', () => {
  test('rejects corrupt files with a clear error, then shows a valid file’s graph and runtime accuracy', async ({
    page,
  }) => {
    // A briefly trained model, quantized to int8 only, gives a real .tflite to download.
    await openLab(page, '?limit=2000&modes=int8');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });
    await page.getByTestId('quantize-run').click();
    await expect(page.getByTestId('runtime-accuracy-int8')).toBeVisible({ timeout: 180_000 });
    const runtimeAccuracy = parsePercent(await page.getByTestId('runtime-accuracy-int8').innerText());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-int8').click()]);
    const valid = await readFile(await download.path());
    expect(valid.subarray(4, 8).toString('latin1')).toBe('TFL3');

    const drop = page.getByTestId('inspector-drop');
    const error = page.getByTestId('inspector-error');

    // Not a FlatBuffer at all.
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151 + 7) % 256));
    await drop.setInputFiles(file('noise.tflite', noise));
    await expect(error).toContainText('noise.tflite');
    await expect(error).toContainText(/not a readable \.tflite model/);

    // Dropping onto the panel works the same way as choosing a file.
    const dataTransfer = await page.evaluateHandle(
      (bytes) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], 'dropped.tflite'));
        return dt;
      },
      [...noise.subarray(0, 64)],
    );
    await page.getByTestId('inspector').dispatchEvent('drop', { dataTransfer });
    await expect(error).toContainText('dropped.tflite');

    // A real model cut in half: offsets now point past the end.
    await drop.setInputFiles(file('half.tflite', valid.subarray(0, valid.length >> 1)));
    await expect(error).toContainText('half.tflite');
    await expect(error).toContainText(/not a readable \.tflite model/);
    await expect(page.getByTestId('inspector-ops')).toHaveCount(0);

    // The right identifier is checked too.
    const wrongId = Buffer.from(valid);
    wrongId.write('XXXX', 4, 'latin1');
    await drop.setInputFiles(file('wrong-id.tflite', wrongId));
    await expect(error).toContainText('wrong-id.tflite');
    await expect(error).toContainText(/identifier "XXXX"/);

    // The panel still works: the valid file shows its graph and is scored in the runtime.
    await drop.setInputFiles(file('lab-int8.tflite', valid));
    await expect(error).toHaveCount(0);
    const ops = page.getByTestId('inspector-ops');
    await expect(ops).toContainText('CONV_2D');
    await expect(ops).toContainText('FULLY_CONNECTED');
    await expect(page.getByTestId('inspector-tensors')).toContainText('INT8');
    await expect(page.getByTestId('inspector-summary')).toContainText('lab-int8.tflite');
    await expect(page.getByTestId('inspector-histogram')).toBeVisible();
    const accuracy = page.getByTestId('inspector-accuracy');
    await expect(accuracy).toBeVisible({ timeout: 120_000 });
    await expect(accuracy).toContainText('10,000 test images');
    const inspectedAccuracy = parsePercent(await accuracy.innerText());
    expect(Math.abs(inspectedAccuracy - runtimeAccuracy)).toBeLessThanOrEqual(0.01);
  });
});
