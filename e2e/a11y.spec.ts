import AxeBuilder from '@axe-core/playwright';
import { expect, openLab, test } from './fixtures';

/** An accessibility scan (axe-core, WCAG 2.1 A and AA rules) of the lab with a trained and quantized model, per language. */
for (const lang of ['en', 'zh-TW'] as const) {
  test(`the lab has no axe violations after training and quantizing (${lang})`, async ({ page }) => {
    await openLab(page, `?lang=${lang}&limit=1000&modes=int8`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 180_000 });
    await page.getByTestId('quantize-run').click();
    await expect(page.getByTestId('runtime-accuracy-int8')).toBeVisible({ timeout: 180_000 });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const violations = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target.join(' ')}`,
    );
    expect(violations).toEqual([]);
  });
}
