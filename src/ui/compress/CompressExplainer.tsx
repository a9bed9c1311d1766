import { Rich } from '../i18n/Rich';

/** Plain-words background: why pruning needs compression to pay off, what gzip measures, who skips zeros. */
export function CompressExplainer() {
  return (
    <div className="hint" data-testid="prune-explainer">
      <p>
        <Rich k="compress.explainer1" />
      </p>
      <p>
        <Rich k="compress.explainer2" />
      </p>
      <p>
        <Rich k="compress.explainer3" />
      </p>
    </div>
  );
}
