import 'i18next';
import type { en } from './messages/en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    /** Keys of `t()` are checked against the English table. */
    resources: { translation: typeof en };
  }
}
