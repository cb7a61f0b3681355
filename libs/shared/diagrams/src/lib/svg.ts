/** A very small SVG writer: elements as strings, every attribute value and text escaped. */
import { escapeXml } from './text';

export type SvgAttributes = Readonly<
  Record<string, string | number | undefined>
>;

function attributes(attrs: SvgAttributes): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

/** `<name attrs>children</name>`, or `<name attrs/>` without children. Children are markup. */
export function el(
  name: string,
  attrs: SvgAttributes,
  ...children: readonly string[]
): string {
  const inner = children.join('');
  return inner === ''
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${inner}</${name}>`;
}

/** An element holding only text, escaped. */
export function textEl(
  name: string,
  attrs: SvgAttributes,
  text: string,
): string {
  return `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`;
}

/** A five-pointed star centred on (cx, cy), as polygon points: the primary-CTA mark. */
export function starPoints(cx: number, cy: number, radius: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? radius : radius * 0.45;
    const angle = (Math.PI / 5) * i - Math.PI / 2;
    points.push(
      `${Math.round((cx + r * Math.cos(angle)) * 10) / 10},${Math.round((cy + r * Math.sin(angle)) * 10) / 10}`,
    );
  }
  return points.join(' ');
}
