import type { Element } from 'hast';

/**
 * The icons of the callout types, as Obsidian shows them: Lucide icons (https://lucide.dev, ISC
 * licence, © Lucide Icons and Contributors). Only these thirteen are needed, so their outlines are
 * kept here (circles and rectangles written as paths) rather than depending on lucide-static, a
 * 7 MB package of 6,000 files. Stroke, size and colour come from callouts.css, so the markup
 * carries no presentation attributes and the sanitizer allows only `viewBox` and `d`.
 */
const CIRCLE = 'M2 12a10 10 0 1 0 20 0a10 10 0 1 0-20 0';

const ICON_PATHS: Record<string, string[]> = {
  note: [
    'M21.174 6.812a1 1 0 0 0-3.986-3.987L3.842 16.174a2 2 0 0 0-.5.83l-1.321 4.352a.5.5 0 0 0 .623.622l4.353-1.32a2 2 0 0 0 .83-.497z',
    'm15 5 4 4',
  ],
  abstract: [
    'M9 2h6a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1z',
    'M16 4h2a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h2',
    'M12 11h4',
    'M12 16h4',
    'M8 11h.01',
    'M8 16h.01',
  ],
  info: [CIRCLE, 'M12 16v-4', 'M12 8h.01'],
  todo: [CIRCLE, 'm16 9-5.5 5.5L8 12'],
  tip: ['M12 3q1 4 4 6.5t3 5.5a1 1 0 0 1-14 0 5 5 0 0 1 1-3 1 1 0 0 0 5 0c0-2-1.5-3-1.5-5q0-2 2.5-4'],
  success: ['M20 6 9 17l-5-5'],
  question: [CIRCLE, 'M9.09 9a3 3 0 0 1 5.83 1c0 2-3 3-3 3', 'M12 17h.01'],
  warning: ['m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3', 'M12 9v4', 'M12 17h.01'],
  failure: ['M18 6 6 18', 'm6 6 12 12'],
  danger: [
    'M15.914 4a1.5 1.5 0 00-2.474-1.561l-9 9A1.5 1.5 0 005.5 14h4.002a.5.5 0 01.471.666L8.086 20a1.5 1.5 0 002.475 1.56l9-9A1.5 1.5 0 0018.5 10h-3.997a.5.5 0 01-.472-.667z',
  ],
  bug: [
    'M12 20v-9',
    'M14 7a4 4 0 0 1 4 4v3a6 6 0 0 1-12 0v-3a4 4 0 0 1 4-4z',
    'M14.12 3.88 16 2',
    'M21 21a4 4 0 0 0-3.81-4',
    'M21 5a4 4 0 0 1-3.55 3.97',
    'M22 13h-4',
    'M3 21a4 4 0 0 1 3.81-4',
    'M3 5a4 4 0 0 0 3.55 3.97',
    'M6 13H2',
    'm8 2 1.88 1.88',
    'M9 7.13V6a3 3 0 1 1 6 0v1.13',
  ],
  example: ['M3 5h.01', 'M3 12h.01', 'M3 19h.01', 'M8 5h13', 'M8 12h13', 'M8 19h13'],
  quote: [
    'M16 3a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2 1 1 0 0 1 1 1v1a2 2 0 0 1-2 2 1 1 0 0 0-1 1v2a1 1 0 0 0 1 1 6 6 0 0 0 6-6V5a2 2 0 0 0-2-2z',
    'M5 3a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2 1 1 0 0 1 1 1v1a2 2 0 0 1-2 2 1 1 0 0 0-1 1v2a1 1 0 0 0 1 1 6 6 0 0 0 6-6V5a2 2 0 0 0-2-2z',
  ],
};

/** A fresh `<svg>` element for a callout type (one of ICON_PATHS' keys), hidden from screen readers. */
export function calloutIcon(type: string): Element {
  const paths = ICON_PATHS[type] ?? ICON_PATHS.note!;
  return {
    type: 'element',
    tagName: 'svg',
    properties: { className: ['kg-callout-icon'], viewBox: '0 0 24 24', ariaHidden: 'true' },
    children: paths.map((d) => ({ type: 'element', tagName: 'path', properties: { d }, children: [] })),
  };
}
