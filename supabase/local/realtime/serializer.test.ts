import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeMessage, encodeUserBroadcast, MalformedFrame } from './serializer';

/** What realtime-js's serializer produces for `send({type:'broadcast', event, payload})`. */
function kind3(joinRef: string, ref: string, topic: string, event: string, payload: unknown) {
  const head = [3, joinRef.length, ref.length, topic.length, event.length, 0, 1];
  return Buffer.concat([
    Buffer.from(head),
    Buffer.from(joinRef + ref + topic + event),
    Buffer.from(JSON.stringify(payload)),
  ]);
}

describe('Phoenix framing', () => {
  it('reads vsn 2.0.0 arrays and vsn 1.0.0 objects into the same message', () => {
    const v2 = decodeFrame('2.0.0', Buffer.from('["1","2","realtime:a","phx_join",{}]'), false);
    const v1 = decodeFrame(
      '1.0.0',
      Buffer.from(
        '{"join_ref":"1","ref":"2","topic":"realtime:a","event":"phx_join","payload":{}}',
      ),
      false,
    );
    expect(v2).toEqual(v1);
    expect(v2).toMatchObject({ joinRef: '1', ref: '2', topic: 'realtime:a', event: 'phx_join' });
  });

  it('reads a binary user broadcast (kind 3)', () => {
    const msg = decodeFrame('2.0.0', kind3('1', '7', 'realtime:a', 'cursor', { x: 1 }), true);
    expect(msg).toMatchObject({ joinRef: '1', ref: '7', topic: 'realtime:a', event: 'broadcast' });
    expect(msg.userBroadcast?.event).toBe('cursor');
    expect(JSON.parse(msg.userBroadcast!.bytes.toString())).toEqual({ x: 1 });
  });

  it('writes kind 4 as realtime-js decodes it', () => {
    const buf = encodeUserBroadcast('realtime:a', {
      event: 'cursor',
      encoding: 'json',
      bytes: Buffer.from('{"x":1}'),
      meta: '',
    });
    expect([...buf.subarray(0, 5)]).toEqual([4, 10, 6, 0, 1]);
    expect(buf.subarray(5).toString()).toBe('realtime:acursor{"x":1}');
  });

  it('writes replies in each serializer', () => {
    const m = { joinRef: '1', ref: '2', topic: 'phoenix', event: 'phx_reply', payload: {} };
    expect(JSON.parse(encodeMessage('2.0.0', m))).toEqual(['1', '2', 'phoenix', 'phx_reply', {}]);
    expect(JSON.parse(encodeMessage('1.0.0', m))).toMatchObject({ topic: 'phoenix', ref: '2' });
  });

  it.each([
    ['not JSON', Buffer.from('nope'), false],
    ['a short array', Buffer.from('[1,2]'), false],
    ['a number topic', Buffer.from('[null,null,1,"x",{}]'), false],
    ['an unknown binary kind', Buffer.from([7, 0]), true],
    ['a truncated kind 3', Buffer.from([3, 9, 9, 9, 9, 0, 1]), true],
  ])('rejects %s as malformed', (_name, data, binary) => {
    expect(() => decodeFrame('2.0.0', data, binary)).toThrow(MalformedFrame);
  });
});
