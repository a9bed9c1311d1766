import { DeployRow } from './DeployRow';
import type { DeployOutcome } from './use-deploy-checks';

interface Props {
  outcomes: DeployOutcome[];
  files: Record<string, Uint8Array>;
}

/** One row per file: TFLite Micro, Edge TPU, arena, RAM, flash, fit and the C source download. */
export function DeployTable({ outcomes, files }: Props) {
  return (
    <table className="deploy-table">
      <thead>
        <tr>
          <th>File</th>
          <th>TFLite Micro</th>
          <th>Edge TPU</th>
          <th>Arena (bytes)</th>
          <th>RAM with interpreter (est.)</th>
          <th>Flash (bytes)</th>
          <th>On this target</th>
          <th>Download</th>
        </tr>
      </thead>
      <tbody>
        {outcomes.map((o) =>
          'check' in o ? (
            <DeployRow key={o.mode} mode={o.mode} check={o.check} file={files[o.mode]!} />
          ) : (
            <tr key={o.mode}>
              <td>{o.mode}</td>
              <td colSpan={7} className="error">
                {o.error}
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
