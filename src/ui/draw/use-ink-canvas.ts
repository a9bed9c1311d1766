import {
  useCallback,
  useRef,
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { penAction, penStart, type PenPoint } from './keyboard-pen';

/** Stroke width as a fraction of the canvas side: 20 px on 280 px, so a stroke ends up ~2 px wide in 28 x 28, like MNIST's pen. */
const STROKE_FRACTION = 20 / 280;

/**
 * Free-hand drawing on a canvas with pointer events, so mouse, touch and pen all work (the canvas
 * needs `touch-action: none` so touch draws instead of scrolling). Ink is opaque black on a
 * transparent canvas; pen pressure varies the width. `onStrokeEnd` gets the ink after each stroke.
 */
export function useInkCanvas(onStrokeEnd: (ink: Float32Array, width: number, height: number) => void) {
  const ref = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number; id: number }>(undefined);

  const onPointerDown = useCallback((e: ReactPointerEvent<HTMLCanvasElement>) => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || last.current) return;
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    const p = point(e, canvas);
    drawDot(ctx, p, widthOf(e.nativeEvent, canvas));
    last.current = { ...p, id: e.pointerId };
  }, []);

  const onPointerMove = useCallback((e: ReactPointerEvent<HTMLCanvasElement>) => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || last.current?.id !== e.pointerId) return;
    // Coalesced events keep fast strokes smooth when the browser batches pointer moves.
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const ev of events.length > 0 ? events : [e.nativeEvent]) {
      const p = point(ev, canvas);
      drawSegment(ctx, last.current, p, widthOf(ev, canvas));
      last.current = { ...p, id: e.pointerId };
    }
  }, []);

  const onPointerUp = useCallback(
    (e: ReactPointerEvent<HTMLCanvasElement>) => {
      const canvas = ref.current;
      if (!canvas || last.current?.id !== e.pointerId) return;
      last.current = undefined;
      const ink = readInk(canvas);
      if (ink) onStrokeEnd(ink, canvas.width, canvas.height);
    },
    [onStrokeEnd],
  );

  // The keyboard alternative (keyboard-pen.ts): arrows draw, Shift+arrows move, Enter or Space classifies.
  const pen = useRef<PenPoint>(undefined);
  const onKeyDown = useCallback(
    (e: ReactKeyboardEvent<HTMLCanvasElement>) => {
      const canvas = ref.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      const action = penAction(pen.current ?? penStart(canvas.width), e.key, e.shiftKey, canvas.width);
      if (action.kind === 'none') return;
      e.preventDefault();
      if (action.kind === 'end') {
        const ink = readInk(canvas);
        if (ink) onStrokeEnd(ink, canvas.width, canvas.height);
        return;
      }
      if (action.ink) drawSegment(ctx, action.from, action.to, canvas.width * STROKE_FRACTION);
      pen.current = action.to;
    },
    [onStrokeEnd],
  );

  const clear = useCallback(() => {
    const canvas = ref.current;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    last.current = undefined;
    pen.current = undefined;
  }, []);

  return {
    ref,
    clear,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp, onKeyDown },
  };
}

interface Point {
  x: number;
  y: number;
}

/** The pointer's position in canvas pixels (the canvas may be displayed scaled). */
function point(e: ReactPointerEvent<HTMLCanvasElement> | PointerEvent, canvas: HTMLCanvasElement): Point {
  const r = canvas.getBoundingClientRect();
  return { x: ((e.clientX - r.left) * canvas.width) / r.width, y: ((e.clientY - r.top) * canvas.height) / r.height };
}

/** Stroke width in canvas pixels; pen pressure varies it. */
function widthOf(e: PointerEvent, canvas: HTMLCanvasElement): number {
  const base = canvas.width * STROKE_FRACTION;
  // Mice report a constant 0.5 while pressed; only pens carry real pressure.
  return e.pointerType === 'pen' && e.pressure > 0 ? base * (0.5 + e.pressure) : base;
}

function drawDot(ctx: CanvasRenderingContext2D, p: Point, width: number): void {
  ctx.fillStyle = '#000';
  ctx.beginPath();
  ctx.arc(p.x, p.y, width / 2, 0, 2 * Math.PI);
  ctx.fill();
}

function drawSegment(ctx: CanvasRenderingContext2D, from: Point, to: Point, width: number): void {
  ctx.strokeStyle = '#000';
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(from.x, from.y);
  ctx.lineTo(to.x, to.y);
  ctx.stroke();
}

/** The canvas's ink as [height * width] values in [0, 1] (its alpha channel: the ink is the only thing drawn). */
function readInk(canvas: HTMLCanvasElement): Float32Array | undefined {
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const ink = new Float32Array(canvas.width * canvas.height);
  for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4 + 3] / 255;
  return ink;
}
