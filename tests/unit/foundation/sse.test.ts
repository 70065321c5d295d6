// The one SSE reader: frames split across chunks, multi-line data, ids and comments.
import { describe, it, expect } from 'vitest';
import { createSseReader, type SseFrame } from '../../../src-shared/sse';

describe('SSE reader', () => {
  it('reassembles frames split across chunks and reports comments', () => {
    const frames: SseFrame[] = [];
    const comments: string[] = [];
    const push = createSseReader((f) => frames.push(f), (c) => comments.push(c));
    push(': live\n\nid: 7\nevent: cust');
    push('omer.tags.changed\ndata: {"a":');
    push('1}\n\ndata: line1\ndata: line2\n\n: keep-alive\n\nid: 9\n\n');
    expect(comments).toEqual(['live', 'keep-alive']);
    expect(frames).toEqual([
      { id: '7', event: 'customer.tags.changed', data: '{"a":1}' },
      { data: 'line1\nline2' },
    ]);
  });
});
