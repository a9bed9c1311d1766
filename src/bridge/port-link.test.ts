import { describe, expect, it } from 'vitest';
import { PeerStoppedError } from '../core/train/data-parallel';
import { portLink } from './port-link';

describe('portLink', () => {
  it('exchanges step messages over a MessageChannel in both directions, leaving the sender its array', async () => {
    const { port1, port2 } = new MessageChannel();
    const [a, b] = [portLink(port1), portLink(port2)];
    const mine = Float32Array.of(1, 2, 3);
    const [fromB, fromA] = await Promise.all([a.exchange(mine), b.exchange(Float32Array.of(4, 5, 6))]);
    expect(Array.from(fromB)).toEqual([4, 5, 6]);
    expect(Array.from(fromA)).toEqual([1, 2, 3]);
    expect(Array.from(mine)).toEqual([1, 2, 3]);
    // A message sent before the peer asks is kept until it does.
    const early = a.exchange(Float32Array.of(7));
    expect(Array.from(await b.exchange(Float32Array.of(8)))).toEqual([7]);
    expect(Array.from(await early)).toEqual([8]);
    a.close();
    b.close();
  });

  it('rejects the peer’s pending exchange when one side closes or the bridge reports a failure', async () => {
    const { port1, port2 } = new MessageChannel();
    const [a, b] = [portLink(port1), portLink(port2)];
    const waiting = b.exchange(Float32Array.of(1));
    a.close();
    await expect(waiting).rejects.toBeInstanceOf(PeerStoppedError);
    await expect(b.exchange(Float32Array.of(2))).rejects.toBeInstanceOf(PeerStoppedError);
    b.close();

    const c = portLink(new MessageChannel().port1);
    const pending = c.exchange(Float32Array.of(1));
    c.fail('the second training worker failed: boom');
    await expect(pending).rejects.toThrow('boom');
    c.close();
  });
});
