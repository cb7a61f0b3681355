/**
 * The colours of the diagrams. The Object Map keeps the OOUX sticky-note colours practitioners
 * read (`OOUX_COLOURS` of the domain); the object's own note is a deeper shade of the OOUX blue
 * so its white name passes WCAG AA (the lighter #3D85C6 gives only 3.9:1).
 */
import { OOUX_COLOURS } from '@orca/shared/domain';

export const DIAGRAM_COLOURS = {
  background: '#ffffff',
  ink: '#1f2933',
  muted: '#4f5d6b',
  inverseInk: '#ffffff',
  object: '#2d6db3',
  objectBorder: '#1f4f8f',
  core: `#${OOUX_COLOURS.core}`,
  coreBorder: '#d6b656',
  metadata: `#${OOUX_COLOURS.metadata}`,
  metadataBorder: '#d99594',
  nested: `#${OOUX_COLOURS.nested}`,
  nestedBorder: '#7ea6d8',
  cta: `#${OOUX_COLOURS.cta}`,
  ctaBorder: '#82b366',
  primaryStar: '#2e7d32',
  edge: '#4f5d6b',
  oneWay: '#b45309',
  contradictory: '#c62828',
  labelBackground: '#ffffff',
  shadow: '#0f172a',
} as const;
