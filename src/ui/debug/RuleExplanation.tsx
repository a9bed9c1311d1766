import { FLAG_RMSE_OVER_SCALE } from '../../core/debug/error-stats';

/** The 1/sqrt(12) rule in plain words. */
export function RuleExplanation() {
  return (
    <details className="debugger-rule" open>
      <summary>How to read RMSE / scale</summary>
      <p>
        A quantized layer stores each output as a whole number of steps; the step size is the layer’s <em>scale</em>.
        Rounding to the nearest step is off by at most half a step, and on average the error behaves like a value spread
        evenly between −½ and +½ a step, whose root mean square is 1/√12 ≈ <strong>0.289</strong> steps. So a layer
        whose RMSE / scale is near 0.29 (or below, since exact values such as ReLU zeros add no error) loses only what
        rounding must lose. Well above that, above <strong>{FLAG_RMSE_OVER_SCALE}</strong>, something else is wrong:
        usually the calibrated range clips large values, which then all collapse onto the end of the range. Such rows
        are highlighted.
      </p>
    </details>
  );
}
