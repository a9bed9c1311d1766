import type { Leaf } from '../../core/wizard/decision-tree';

const TRADEOFF_LABELS = [
  ['size', 'Size'],
  ['speed', 'Speed'],
  ['accuracy', 'Accuracy'],
  ['hardware', 'Hardware'],
] as const;

/** The recommended mode with its reason and trade-offs. */
export function RecommendationCard({ leaf }: { leaf: Leaf }) {
  return (
    <div className="wizard-card" data-testid="wizard-recommendation" data-mode={leaf.mode}>
      <h3>
        Recommendation: <code data-testid="wizard-mode">{leaf.mode}</code> · {leaf.title}
      </h3>
      <p>{leaf.reason}</p>
      <dl className="wizard-tradeoffs">
        {TRADEOFF_LABELS.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{leaf.tradeoffs[key]}</dd>
          </div>
        ))}
      </dl>
      {leaf.prerequisite && <p className="notice">{leaf.prerequisite}</p>}
    </div>
  );
}
