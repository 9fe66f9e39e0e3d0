/** The `/ws/terminal/{name}` protocol: binary frames are terminal bytes both ways, text frames control. */
export function resizeMessage(cols: number, rows: number): string {
  return JSON.stringify({ resize: { cols, rows } });
}

const encoder = new TextEncoder();

export function inputFrame(data: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(data);
}

/** What an incoming frame writes to the terminal: bytes as they are; a text frame as text. */
export function outputOf(data: unknown): Uint8Array | string | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return data;
  return null;
}
