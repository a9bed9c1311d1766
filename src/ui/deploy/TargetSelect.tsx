import { DEPLOY_TARGETS, customTargetId, parseTarget } from '../../core/deploy/targets';

interface Props {
  /** A target id: a board or custom:RAM_KB:FLASH_KB. */
  value: string;
  onChange: (id: string) => void;
}

const CUSTOM = 'custom';

/** Board picker with a custom RAM/flash entry (controlled). */
export function TargetSelect({ value, onChange }: Props) {
  const target = parseTarget(value);
  const isCustom = value.startsWith(`${CUSTOM}:`);
  const setCustom = (ramKb: number, flashKb: number) => {
    if (ramKb > 0 && flashKb > 0) onChange(customTargetId(ramKb, flashKb));
  };
  return (
    <div className="target-select">
      <label className="inline">
        Target{' '}
        <select
          data-testid="target-select"
          value={isCustom ? CUSTOM : value}
          onChange={(e) =>
            e.target.value === CUSTOM ? setCustom(target.ramKb, target.flashKb) : onChange(e.target.value)
          }
        >
          {DEPLOY_TARGETS.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.ramKb} KB RAM, {t.flashKb >= 1024 ? `${t.flashKb / 1024} MB` : `${t.flashKb} KB`} flash)
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </select>
      </label>
      {isCustom && (
        <>
          <label className="inline">
            RAM (KB){' '}
            <input
              type="number"
              min={1}
              data-testid="target-ram-kb"
              value={target.ramKb}
              onChange={(e) => setCustom(Number(e.target.value), target.flashKb)}
            />
          </label>
          <label className="inline">
            Flash (KB){' '}
            <input
              type="number"
              min={1}
              data-testid="target-flash-kb"
              value={target.flashKb}
              onChange={(e) => setCustom(target.ramKb, Number(e.target.value))}
            />
          </label>
        </>
      )}
    </div>
  );
}
