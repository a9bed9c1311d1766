import { useTranslation } from 'react-i18next';
import { DEPLOY_TARGETS, customTargetId, parseTarget } from '../../core/deploy/targets';

interface Props {
  /** A target id: a board or custom:RAM_KB:FLASH_KB. */
  value: string;
  onChange: (id: string) => void;
}

const CUSTOM = 'custom';

/** Board picker with a custom RAM/flash entry (controlled). */
export function TargetSelect({ value, onChange }: Props) {
  const { t } = useTranslation();
  const target = parseTarget(value);
  const isCustom = value.startsWith(`${CUSTOM}:`);
  const setCustom = (ramKb: number, flashKb: number) => {
    if (ramKb > 0 && flashKb > 0) onChange(customTargetId(ramKb, flashKb));
  };
  return (
    <div className="target-select">
      <label className="inline">
        {t('deploy.target')}{' '}
        <select
          data-testid="target-select"
          value={isCustom ? CUSTOM : value}
          onChange={(e) =>
            e.target.value === CUSTOM ? setCustom(target.ramKb, target.flashKb) : onChange(e.target.value)
          }
        >
          {DEPLOY_TARGETS.map((b) => (
            <option key={b.id} value={b.id}>
              {t('deploy.targetOption', {
                name: b.name,
                ram: b.ramKb,
                flash: b.flashKb >= 1024 ? `${b.flashKb / 1024} MB` : `${b.flashKb} KB`,
              })}
            </option>
          ))}
          <option value={CUSTOM}>{t('deploy.custom')}</option>
        </select>
      </label>
      {isCustom && (
        <>
          <label className="inline">
            {t('deploy.ramKb')}{' '}
            <input
              type="number"
              min={1}
              data-testid="target-ram-kb"
              value={target.ramKb}
              onChange={(e) => setCustom(Number(e.target.value), target.flashKb)}
            />
          </label>
          <label className="inline">
            {t('deploy.flashKb')}{' '}
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
