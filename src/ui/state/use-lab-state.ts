import { useCallback, useEffect, useState } from 'react';
import { LANG_PARAM } from '../i18n/languages';
import { DEFAULT_LAB_STATE, stateFromQuery, stateToQuery, type LabState } from './lab-state';

/** Sets one group of the lab state (train, backend, quant or qat), keeping the others. */
export type LabStateSetter = <K extends keyof LabState>(key: K, value: LabState[K]) => void;

/**
 * The one serializable lab state, read from the URL on load and mirrored into it on every change,
 * so a link reproduces the lab. `set` is stable.
 */
export function useLabState(): [LabState, LabStateSetter] {
  const [lab, setLab] = useState<LabState>(() =>
    typeof location === 'undefined' ? DEFAULT_LAB_STATE : stateFromQuery(location.search),
  );
  useEffect(() => {
    const params = new URLSearchParams(stateToQuery(lab));
    // The language is the page's, not the lab's: keep it beside the lab state in the URL.
    const lang = new URLSearchParams(location.search).get(LANG_PARAM);
    if (lang) params.set(LANG_PARAM, lang);
    const q = params.toString();
    history.replaceState(null, '', q ? `?${q}` : location.pathname);
  }, [lab]);
  const set = useCallback<LabStateSetter>((key, value) => setLab((s) => ({ ...s, [key]: value })), []);
  return [lab, set];
}
