import type { ReactElement } from 'react';
import { Trans } from 'react-i18next';
import type { TFunction } from 'i18next';

type Key = Parameters<TFunction>[0];

/** The tags a message may use for rich text, and what they render. */
const TAGS: Record<string, ReactElement> = { strong: <strong />, code: <code />, em: <em /> };

interface Props {
  /** A message key whose text has `<strong>`, `<code>`, `<em>` or the extra tags given in `tags`. */
  k: Key;
  values?: Record<string, unknown>;
  /** Extra tags, e.g. `{ acc: <strong data-testid="test-accuracy" /> }` for a marked-up number. */
  tags?: Record<string, ReactElement>;
}

/** A message with inline markup, rendered with react-i18next's Trans (no HTML strings). */
export function Rich({ k, values, tags }: Props) {
  return <Trans i18nKey={k as never} values={values} components={{ ...TAGS, ...tags }} />;
}
