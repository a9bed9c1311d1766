import { createContext, useContext } from 'react';
import type { DatasetId } from '../../core/mnist/datasets';

/** The lab's current dataset (the `dataset` training setting), for views that label classes. */
export const DatasetContext = createContext<DatasetId>('mnist');

export function useDataset(): DatasetId {
  return useContext(DatasetContext);
}
