import { describe, expect, it } from 'vitest';
import { ACK, ETX, FrameDecoder, NAK, STX, encodeFrame, frameLrc, type FrameEvent } from '../../../main/reader/frame-codec';
import { FramedSession, LinkError } from '../../../main/reader/framed-session';
import type { ReaderProblem } from '../../../main/reader/reader-problem';
import { ManualTimers } from './reader-fakes';

function decode(chunks: (Uint8Array | string)[], max?: number): FrameEvent[] {
  const decoder = new FrameDecoder(max);
  const events: FrameEvent[] = [];
  for (const chunk of chunks) decoder.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk, (event) => events.push(event));
  return events;
}

const payloads = (events: FrameEvent[]) => events.flatMap((event) => (event.kind === 'frame' ? [event.payload.toString('latin1')] : []));

describe('STX · payload · ETX · LRC framing', () => {
  it('encodes the documented example byte for byte', () => {
    // docs/reader-protocol.md, "Cancel": payload "0CX".
    expect(encodeFrame('0CX').toString('hex')).toBe('0230435803' + (0x30 ^ 0x43 ^ 0x58 ^ 0x03).toString(16).padStart(2, '0'));
    expect(frameLrc(Buffer.from('0CX'))).toBe(0x28);
  });

  it('reassembles a frame split over many reads', () => {
    const frame = encodeFrame('1SA\x1c1999\x1cUSD\x1c2');
    const chunks = [...frame].map((byte) => Uint8Array.of(byte));
    expect(payloads(decode(chunks))).toEqual(['1SA\x1c1999\x1cUSD\x1c2']);
  });

  it('splits two frames that arrive in one read', () => {
    const both = Buffer.concat([encodeFrame('1CX'), encodeFrame('2CX')]);
    expect(payloads(decode([both]))).toEqual(['1CX', '2CX']);
  });

  it('skips bytes between frames and reports ACK / NAK outside frames', () => {
    const events = decode([Buffer.concat([Buffer.from('zz\xff'), encodeFrame('1CX'), Uint8Array.of(ACK, 0x41, NAK), encodeFrame('2CX')])]);
    expect(events.map((event) => event.kind)).toEqual(['frame', 'ack', 'nak', 'frame']);
  });

  it('takes an LRC byte that looks like STX or ACK as the LRC', () => {
    // Find a payload whose LRC is STX: the decoder must not start a new frame on it.
    let payload = '';
    for (let code = 0x20; code < 0x7f && !payload; code += 1) if (frameLrc(Buffer.from(`0${String.fromCharCode(code)}`)) === STX) payload = `0${String.fromCharCode(code)}`;
    expect(payload).not.toBe('');
    expect(payloads(decode([Buffer.concat([encodeFrame(payload), encodeFrame('1CX')])]))).toEqual([payload, '1CX']);
  });

  it('reports a bad LRC and a non-ASCII payload byte', () => {
    const bad = encodeFrame('1CX');
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 1, bad.length - 1);
    const nonAscii = Buffer.from([STX, 0x31, 0xe9, ETX, 0]);
    nonAscii[4] = frameLrc(nonAscii.subarray(1, 3));
    expect(decode([bad, nonAscii])).toEqual([
      { kind: 'bad-frame', reason: 'lrc' },
      { kind: 'bad-frame', reason: 'byte' },
    ]);
  });

  it('caps an oversized frame and recovers at the next STX', () => {
    const huge = Buffer.concat([Uint8Array.of(STX), Buffer.alloc(100_000, 0x41), Uint8Array.of(ETX, 0)]);
    const events = decode([huge, encodeFrame('1CX')], 64);
    expect(events.map((event) => event.kind)).toEqual(['oversized', 'frame']);
  });

  it('drops a half frame when a new STX arrives', () => {
    const frame = encodeFrame('1CX');
    const events = decode([frame.subarray(0, 2), frame]);
    expect(events.map((event) => event.kind)).toEqual(['abandoned', 'frame']);
  });
});

function pair(timers: ManualTimers) {
  const toB: Buffer[] = [];
  const toA: Buffer[] = [];
  const got: { a: string[]; b: string[] } = { a: [], b: [] };
  const problems: ReaderProblem[] = [];
  const a = new FramedSession({ write: (bytes) => toB.push(Buffer.from(bytes)), onMessage: (m) => got.a.push(m), onProblem: (p) => problems.push(p), timers, ackTimeoutMs: 100 });
  const b = new FramedSession({ write: (bytes) => toA.push(Buffer.from(bytes)), onMessage: (m) => got.b.push(m), onProblem: (p) => problems.push(p), timers, ackTimeoutMs: 100 });
  const pump = () => {
    while (toA.length > 0 || toB.length > 0) {
      for (const chunk of toB.splice(0)) b.receive(chunk);
      for (const chunk of toA.splice(0)) a.receive(chunk);
    }
  };
  return { a, b, toA, toB, got, problems, pump };
}

describe('ACK / NAK link', () => {
  it('delivers, acknowledges and resolves', async () => {
    const timers = new ManualTimers();
    const { a, got, toB, pump } = pair(timers);
    const sent = a.send('CX');
    expect(toB[0]?.toString('latin1')).toBe(encodeFrame('0CX').toString('latin1'));
    pump();
    await sent;
    expect(got.b).toEqual(['CX']);
    expect(timers.count).toBe(0);
  });

  it('answers a bad LRC with NAK and delivers nothing', () => {
    const writes: Buffer[] = [];
    const got: string[] = [];
    const problems: string[] = [];
    const session = new FramedSession({ write: (bytes) => writes.push(Buffer.from(bytes)), onMessage: (m) => got.push(m), onProblem: (p) => problems.push(p.code), timers: new ManualTimers() });
    const bad = encodeFrame('1CX');
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 0x40, bad.length - 1);
    session.receive(bad);
    expect(Buffer.concat(writes)).toEqual(Buffer.of(NAK));
    expect(got).toEqual([]);
    expect(problems).toEqual(['bad-frame-lrc']);
  });

  it('resends on NAK and delivers once', async () => {
    const timers = new ManualTimers();
    const link = pair(timers);
    const sent = link.a.send('CX', { mangle: (frame, attempt) => (attempt === 0 ? Buffer.concat([frame.subarray(0, -1), Uint8Array.of(frame.readUInt8(frame.length - 1) ^ 1)]) : frame) });
    link.pump();
    await sent;
    expect(link.got.b).toEqual(['CX']);
    expect(link.problems.map((p) => p.code)).toEqual(['bad-frame-lrc']);
  });

  it('resends on timeout up to 3 times, then gives up', async () => {
    const timers = new ManualTimers();
    const writes: Buffer[] = [];
    const session = new FramedSession({ write: (bytes) => writes.push(Buffer.from(bytes)), onMessage: () => undefined, onProblem: () => undefined, timers, ackTimeoutMs: 100 });
    const sent = session.send('CX');
    const outcome = sent.then(
      () => 'resolved',
      (error: unknown) => (error instanceof LinkError ? error.problem.code : 'other'),
    );
    for (let index = 0; index < 4; index += 1) timers.advance(100);
    expect(await outcome).toBe('no-acknowledgement');
    expect(writes).toHaveLength(4); // the first attempt and 3 resends, all identical
    expect(new Set(writes.map((w) => w.toString('hex'))).size).toBe(1);
  });

  it('gives up after 3 NAKed resends', async () => {
    const timers = new ManualTimers();
    const writes: Buffer[] = [];
    const session = new FramedSession({ write: (bytes) => writes.push(Buffer.from(bytes)), onMessage: () => undefined, onProblem: () => undefined, timers });
    const outcome = session.send('CX').then(() => 'ok', (error: unknown) => (error as LinkError).problem.code);
    for (let index = 0; index < 4; index += 1) session.receive(Uint8Array.of(NAK));
    expect(await outcome).toBe('no-acknowledgement');
    expect(writes).toHaveLength(4);
  });

  it('acknowledges a resent frame but delivers it once (lost ACK)', () => {
    const timers = new ManualTimers();
    const got: string[] = [];
    const acks: Buffer[] = [];
    const session = new FramedSession({ write: (bytes) => acks.push(Buffer.from(bytes)), onMessage: (m) => got.push(m), onProblem: () => undefined, timers });
    session.receive(encodeFrame('3CX'));
    session.receive(encodeFrame('3CX'));
    session.receive(encodeFrame('4CX'));
    expect(got).toEqual(['CX', 'CX']);
    expect(Buffer.concat(acks)).toEqual(Buffer.from([ACK, ACK, ACK]));
  });

  it('NAKs a half frame after the inter-byte timeout', () => {
    const timers = new ManualTimers();
    const writes: Buffer[] = [];
    const problems: string[] = [];
    const session = new FramedSession({ write: (bytes) => writes.push(Buffer.from(bytes)), onMessage: () => undefined, onProblem: (p) => problems.push(p.code), timers, interByteTimeoutMs: 200 });
    session.receive(encodeFrame('3CX').subarray(0, 3));
    timers.advance(199);
    expect(writes).toEqual([]);
    timers.advance(1);
    expect(Buffer.concat(writes)).toEqual(Buffer.of(NAK));
    expect(problems).toEqual(['incomplete-message']);
  });

  it('reports a flood of line noise once per run of noise', () => {
    const problems: string[] = [];
    const session = new FramedSession({ write: () => undefined, onMessage: () => undefined, onProblem: (p) => problems.push(p.code), timers: new ManualTimers() });
    session.receive(Buffer.alloc(20, 0x41));
    expect(problems).toEqual([]);
    session.receive(Buffer.alloc(1_000_000, 0x41));
    expect(problems).toEqual(['line-noise']);
  });
});
