import { useTranslation } from 'react-i18next';
import { failureText, problemText, type CoreFailure, type CoreProblem } from './core-text';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './languages';

/** The shown language, as the core-text functions take it. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/**
 * A core sentence (a failure or a coded problem) in the shown language; English ones are marked lang="en", the
 * place in a file it names, an identifier path, is shown as code, and a library's raw English message after a
 * translated sentence is marked lang="en" alone.
 */
export function CoreSentence(props: { failure: CoreFailure } | { problem: CoreProblem }) {
  const language = useLanguage();
  const { text, english, where, raw } =
    'failure' in props ? failureText(props.failure, language) : problemText(props.problem, language);
  return (
    <span lang={english ? 'en' : undefined}>
      {text}
      {raw && <span lang="en">{raw}</span>}
      {where && (
        <>
          （<code>{where}</code>）
        </>
      )}
    </span>
  );
}
