import type { TrainProgress } from '../train/settings';
import type { PruneProgress } from './prune-model';

/** Progress of {@link compressModel}, tagged by stage, for one live chart across both fine-tunes. */
export type CompressProgress = ({ stage: 'prune' } & PruneProgress) | ({ stage: 'cluster' } & TrainProgress);
