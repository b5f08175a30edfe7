export type ShareOutcome = 'shared' | 'copied' | 'saved' | 'cancelled';

/** Web Share where the device has it (phones, tablets), else the clipboard. */
export async function shareText(title: string, text: string): Promise<ShareOutcome> {
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share({ title, text });
      return 'shared';
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return 'cancelled';
    }
  }
  await navigator.clipboard.writeText(text);
  return 'copied';
}

/** The receipt text drawn as a PNG, white on nothing fancy: what a chat app shows best. */
export async function receiptImage(text: string): Promise<Blob> {
  const lines = text.split('\n');
  const fontSize = 22;
  const lineHeight = Math.round(fontSize * 1.35);
  const pad = 24;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d is not available');
  const font = `${fontSize}px ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace`;
  ctx.font = font;
  const width = Math.max(...lines.map((l) => ctx.measureText(l).width));
  canvas.width = Math.ceil(width + pad * 2);
  canvas.height = lines.length * lineHeight + pad * 2;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  ctx.font = font;
  ctx.textBaseline = 'top';
  lines.forEach((l, i) => ctx.fillText(l, pad, pad + i * lineHeight));
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'),
  );
}

export async function shareImage(
  title: string,
  text: string,
  fileName: string,
): Promise<ShareOutcome> {
  const blob = await receiptImage(text);
  const file = new File([blob], fileName, { type: 'image/png' });
  if (typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })) {
    try {
      await navigator.share({ title, files: [file] });
      return 'shared';
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return 'cancelled';
    }
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return 'saved';
}
