import { describe, expect, it } from 'vitest';
import { pickLanguage } from './languages';

describe('pickLanguage', () => {
  it.each([
    ['URL wins over everything', 'zh-TW', 'en', ['en-US'], 'zh-TW'],
    ['an unknown URL value falls through to the remembered one', 'fr', 'zh-TW', ['en-US'], 'zh-TW'],
    ['remembered wins over the browser', null, 'en', ['zh-TW'], 'en'],
    ['browser zh-TW', null, null, ['zh-TW', 'en'], 'zh-TW'],
    ['browser zh-Hant-TW', null, null, ['zh-Hant-TW'], 'zh-TW'],
    ['browser en-GB before zh', null, null, ['en-GB', 'zh-TW'], 'en'],
    ['browser language the lab does not speak, then zh-TW', null, null, ['fr-FR', 'zh-TW'], 'zh-TW'],
    ['Simplified Chinese only falls back to English', null, null, ['zh-CN'], 'en'],
    ['nothing known', null, null, [], 'en'],
  ] as const)('%s', (_name, url, remembered, browser, expected) => {
    expect(pickLanguage(url, remembered, browser)).toBe(expected);
  });
});
