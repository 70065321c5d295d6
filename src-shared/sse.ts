// Reads a Server-Sent Events stream (already decoded to text) frame by frame. Pure, so the
// renderer (browser mode), main (the team server's stream) and the tests read streams alike.

export interface SseFrame {
  /** The frame's data lines, joined with newlines. */
  data: string;
  id?: string;
  event?: string;
}

/**
 * Returns a `push(chunk)` that buffers text and calls `onFrame` for every complete frame with
 * data, and `onComment` for comment lines (`: live`, keep-alives).
 */
export function createSseReader(onFrame: (frame: SseFrame) => void, onComment?: (text: string) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data: string[] = [];
      let id: string | undefined;
      let event: string | undefined;
      for (const line of frame.split('\n')) {
        if (line.startsWith(':')) onComment?.(line.slice(1).trim());
        else if (line.startsWith('data: ')) data.push(line.slice(6));
        else if (line.startsWith('id: ')) id = line.slice(4);
        else if (line.startsWith('event: ')) event = line.slice(7);
      }
      if (data.length > 0) onFrame({ data: data.join('\n'), ...(id !== undefined ? { id } : {}), ...(event !== undefined ? { event } : {}) });
    }
  };
}
