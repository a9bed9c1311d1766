/** The hybrid kernels' per-row parameters live in the core interpreter; the tfjs twin uses the same code. */
export {
  asymmetricRowParams,
  symmetricRowParams,
  xnnpackRowParams,
  type RowParams,
} from '../core/graph/reference/hybrid';
