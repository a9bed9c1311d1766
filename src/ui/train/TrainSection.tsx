import { memo, useEffect } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { TrainSettings } from '../../core/train/settings';
import { TrainPanel } from './TrainPanel';
import { useTraining } from './use-training';

interface Props {
  settings: TrainSettings;
  onSettingsChange: (s: TrainSettings) => void;
  ready: boolean;
  trained?: TrainedModel;
  onTrained: (m: TrainedModel, cancelled: boolean) => void;
  onReset: () => void;
  /** Told when training starts and stops (not on every progress report). */
  onBusyChange: (busy: boolean) => void;
}

/**
 * Owns the training run's live state, so the ten progress reports a second re-render this panel
 * only, not the whole lab (which keeps the main thread free while the worker trains).
 */
export const TrainSection = memo(function TrainSection({
  settings,
  onSettingsChange,
  ready,
  trained,
  onTrained,
  onReset,
  onBusyChange,
}: Props) {
  const { run, charts, start, cancel, workers } = useTraining(onTrained);
  const busy = run.status === 'running' || run.status === 'cancelling';
  useEffect(() => onBusyChange(busy), [busy, onBusyChange]);
  return (
    <TrainPanel
      settings={settings}
      onSettingsChange={onSettingsChange}
      run={run}
      charts={charts}
      workers={workers}
      ready={ready}
      trained={trained}
      onStart={() => start(settings)}
      onCancel={cancel}
      onReset={onReset}
    />
  );
});
