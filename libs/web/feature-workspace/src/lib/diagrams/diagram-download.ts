/**
 * Downloads of a diagram made in the browser, no server call: the SVG document as it is, and a
 * PNG drawn from it (the SVG as an image, onto a canvas at twice its size, then `toBlob`).
 */

/** Browsers refuse canvases past about 16k px a side or a few hundred megapixels. */
const MAX_SIDE = 16_000;
const MAX_AREA = 120_000_000;

/** Starts the download of `blob` under `fileName`. */
export function saveBlob(
  document: Document,
  blob: Blob,
  fileName: string,
): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its own copy by then; the URL only holds memory.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function svgBlob(svg: string): Blob {
  return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });
}

/** The size the SVG document declares on its root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1] ?? 0);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1] ?? 0);
  return { width, height };
}

/** The scale a PNG of `width` × `height` is drawn at: `wanted`, or less for a huge diagram. */
export function pngScale(width: number, height: number, wanted = 2): number {
  if (width <= 0 || height <= 0) return wanted;
  return Math.min(
    wanted,
    MAX_SIDE / width,
    MAX_SIDE / height,
    Math.sqrt(MAX_AREA / (width * height)),
  );
}

/** Draws the SVG document on a canvas at twice its size (less for a huge one) and encodes a PNG. */
export async function svgToPng(document: Document, svg: string): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const scale = pngScale(width, height);
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) =>
          blob
            ? resolve(blob)
            : reject(new Error('The PNG could not be made.')),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
