/**
 * File type rules: what a field accepts (`x-files.accept`: MIME types, `type/*`, or
 * `.ext`), and the magic bytes of the raster images that image and signature fields
 * take (an SVG can carry script, so it is never an image here).
 */

const IMAGE_SIGNATURES: { type: string; bytes: number[] }[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/webp', bytes: [0x52, 0x49, 0x46, 0x46] },
];

/** The raster image type the bytes start with, or null. */
export function sniffImage(bytes: Buffer): string | null {
  for (const { type, bytes: magic } of IMAGE_SIGNATURES) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) {
      if (type === 'image/webp' && bytes.subarray(8, 12).toString('latin1') !== 'WEBP') continue;
      return type;
    }
  }
  return null;
}

/** Whether a file of MIME `type` named `name` matches one of the `accept` entries. */
export function isAccepted(accept: readonly string[], type: string, name: string): boolean {
  const lowerName = name.toLowerCase();
  const lowerType = type.toLowerCase();
  return accept.some((entry) => {
    const e = entry.toLowerCase();
    if (e.startsWith('.')) return lowerName.endsWith(e);
    if (e.endsWith('/*')) return lowerType.startsWith(e.slice(0, -1));
    return lowerType === e;
  });
}

/** Types shown inline in the browser (raster images); everything else downloads. */
export const INLINE_TYPES = new Set(IMAGE_SIGNATURES.map((s) => s.type));
