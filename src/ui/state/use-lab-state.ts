import { useCallback, useEffect, useState } from 'react';
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
    const q = stateToQuery(lab);
    history.replaceState(null, '', q ? `?${q}` : location.pathname);
  }, [lab]);
  const set = useCallback<LabStateSetter>((key, value) => setLab((s) => ({ ...s, [key]: value })), []);
  return [lab, set];
}
