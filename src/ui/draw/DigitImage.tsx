import { useEffect, useRef } from 'react';

interface Props {
  /** [784] row-major 28 x 28 intensities, 0 = background. */
  pixels: ArrayLike<number>;
  /** The value of full ink: 255 for raw MNIST bytes, 1 for model inputs. */
  max: number;
  /** Displayed side in CSS pixels (the 28 x 28 bitmap is scaled up without smoothing). */
  size: number;
  label: string;
  testId?: string;
}

/** A 28 x 28 digit drawn white on black, as the model sees it. */
export function DigitImage({ pixels, max, size, label, testId }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = Math.round(Math.min(1, Math.max(0, (pixels[i] ?? 0) / max)) * 255);
      img.data[i * 4] = v;
      img.data[i * 4 + 1] = v;
      img.data[i * 4 + 2] = v;
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels, max]);
  return (
    <canvas
      ref={ref}
      className="digit-image"
      width={28}
      height={28}
      style={{ width: size, height: size }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
