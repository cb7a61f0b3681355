/** The text colour readable on a background colour (#rgb or #rrggbb): near-black or white. */
export function readableInk(background: string): string {
  const rgb = parseHex(background);
  if (!rgb) return DARK_INK;
  const luminance = relativeLuminance(rgb);
  const onDark = 1.05 / (luminance + 0.05);
  const onLight = (luminance + 0.05) / (relativeLuminance(DARK_RGB) + 0.05);
  return onLight >= onDark ? DARK_INK : '#ffffff';
}

/** One or two letters standing for a person's name on an avatar. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]][0] ?? '?';
  const last = words.length > 1 ? ([...words[words.length - 1]][0] ?? '') : '';
  return (first + last).toUpperCase();
}

const DARK_INK = '#111827';
const DARK_RGB: readonly [number, number, number] = [17, 24, 39];

function parseHex(color: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!match) return null;
  const hex =
    match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
}

function relativeLuminance([r, g, b]: readonly [
  number,
  number,
  number,
]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
