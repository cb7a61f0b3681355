export * from './lib/geometry';
export {
  DIAGRAM_FONT,
  diagramFileName,
  escapeXml,
  slugify,
  textWidth,
  wrapText,
  type TextStyle,
} from './lib/text';
export { DIAGRAM_COLOURS } from './lib/palette';
export type { DiagramSvgOptions, LegendItem } from './lib/svg-document';
export * from './lib/object-map-layout';
export * from './lib/object-map-svg';
export * from './lib/system-graph-layout';
export * from './lib/system-graph-svg';
