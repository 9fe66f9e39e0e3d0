/** Heuristics for the files drawer: which files open in the editor, and how to decode them. */
export const MAX_EDITABLE_BYTES = 2 * 1024 * 1024;

export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  for (const b of sample) if (b === 0) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? trimIncomplete(sample) : sample);
    return false;
  } catch {
    return true;
  }
}

/** A cut in the middle of a multi-byte character must not count as invalid UTF-8. */
function trimIncomplete(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i];
    if ((b & 0xc0) === 0x80) continue;
    if ((b & 0xc0) === 0xc0) end -= i;
    break;
  }
  return bytes.subarray(0, end);
}

export async function blobToText(blob: Blob): Promise<{ text: string } | { binary: true }> {
  if (blob.size > MAX_EDITABLE_BYTES) return { binary: true };
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (looksBinary(bytes)) return { binary: true };
  return { text: new TextDecoder('utf-8').decode(bytes) };
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
