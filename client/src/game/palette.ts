/**
 * Colours and shapes. Object kinds use the Okabe–Ito palette, which stays distinct for the
 * common forms of colour blindness, and every kind also has its own marker shape and a
 * text tag, so nothing depends on colour alone.
 */
import type { ObjectKind } from '../../../shared/sim/types';

export const OKABE_ITO = {
  orange: 0xe69f00,
  skyBlue: 0x56b4e9,
  bluishGreen: 0x009e73,
  yellow: 0xf0e442,
  blue: 0x0072b2,
  vermillion: 0xd55e00,
  reddishPurple: 0xcc79a7,
  grey: 0x999999,
} as const;

export const THEME = {
  background: 0x0f1318,
  panel: 0x1a2028,
  panelEdge: 0x33404d,
  cellFree: 0x232b35,
  cellEdge: 0x34414f,
  text: '#eef2f6',
  textDim: '#9aa7b4',
  textDark: '#0b0e12',
  /** Focus ring, keyboard cursor, the lit source line and "why alive" paths. */
  focus: OKABE_ITO.yellow,
  focusCss: '#f0e442',
  currentLine: OKABE_ITO.blue,
  danger: OKABE_ITO.vermillion,
  dangerCss: '#ff8a4c',
  good: OKABE_ITO.bluishGreen,
  goodCss: '#3fd3a6',
  arrow: 0xc9d3dd,
  button: 0x2b3644,
  buttonHot: 0x3b4a5d,
  buttonEdge: 0x7f93a8,
} as const;

/** How a kind is drawn: fill colour, marker shape, the tag printed on it, and text colour on that fill. */
export interface KindStyle {
  fill: number;
  marker: Marker;
  tag: string;
  ink: string;
}

export type Marker =
  | 'circle'
  | 'diamond'
  | 'triangle'
  | 'square'
  | 'bars'
  | 'ring'
  | 'pair'
  | 'hollow-diamond'
  | 'dash'
  | 'check';

export const KIND_STYLE: Record<ObjectKind, KindStyle> = {
  int: { fill: OKABE_ITO.skyBlue, marker: 'circle', tag: 'int', ink: '#0b0e12' },
  float: { fill: OKABE_ITO.blue, marker: 'diamond', tag: 'float', ink: '#ffffff' },
  str: { fill: OKABE_ITO.orange, marker: 'triangle', tag: 'str', ink: '#0b0e12' },
  bytes: { fill: OKABE_ITO.grey, marker: 'square', tag: 'bytes', ink: '#0b0e12' },
  list: { fill: OKABE_ITO.bluishGreen, marker: 'bars', tag: 'list', ink: '#ffffff' },
  tuple: { fill: OKABE_ITO.reddishPurple, marker: 'ring', tag: 'tuple', ink: '#0b0e12' },
  dict: { fill: OKABE_ITO.yellow, marker: 'pair', tag: 'dict', ink: '#0b0e12' },
  set: { fill: 0xdddddd, marker: 'hollow-diamond', tag: 'set', ink: '#0b0e12' },
  none: { fill: 0xbbbbbb, marker: 'dash', tag: 'None', ink: '#0b0e12' },
  bool: { fill: 0xbbbbbb, marker: 'check', tag: 'bool', ink: '#0b0e12' },
};

/** Monospace stack that exists on Debian (DejaVu), macOS, Windows, Android and iOS. */
export const MONO = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "Roboto Mono", monospace';
export const SANS = 'system-ui, "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

export function cssColor(n: number): string {
  return `#${n.toString(16).padStart(6, '0')}`;
}
