import { describe, expect, it } from 'vitest';
import { penAction, penStart } from './keyboard-pen';

describe('keyboard pen', () => {
  const c = penStart(280);
  it.each<[string, boolean, ReturnType<typeof penAction>]>([
    ['ArrowDown', false, { kind: 'move', from: c, to: { x: 140, y: 160 }, ink: true }],
    ['ArrowLeft', true, { kind: 'move', from: c, to: { x: 120, y: 140 }, ink: false }],
    ['Enter', false, { kind: 'end' }],
    [' ', false, { kind: 'end' }],
    ['a', false, { kind: 'none' }],
  ])('%j (shift %s)', (key, shift, want) => expect(penAction(c, key, shift, 280)).toEqual(want));

  it('stays inside the canvas', () =>
    expect(penAction({ x: 275, y: 5 }, 'ArrowRight', false, 280)).toMatchObject({ to: { x: 270, y: 10 } }));
});
