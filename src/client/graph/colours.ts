/**
 * Colours of the graphs. Areas (and tags, when the reader colours by tag) get distinct colours in
 * order of size; the rest share a neutral grey. The palette is nine of Tableau's ten (made for
 * telling categories apart; its grey is ours for "other") and two of its classic palette (cyan,
 * olive), readable on the light and the dark background alike. Text, lines and highlights follow
 * the site's theme.
 */
export const CATEGORY_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#17becf',
  '#bcbd22',
];
export const OTHER_COLOUR = '#a0a4a8';

export function categoryColour(index: number): string {
  return index >= 0 && index < CATEGORY_COLOURS.length ? CATEGORY_COLOURS[index]! : OTHER_COLOUR;
}

export interface ThemeColours {
  text: string;
  muted: string;
  background: string;
  edge: string;
  /** Lines in the background (between a note's neighbours, in the local graph). */
  faintEdge: string;
  accent: string;
  /** What a node fades to when another one is highlighted. */
  faded: string;
}

/**
 * The theme's colours as `rgb()`/`rgba()` strings (what the WebGL renderer understands), read
 * from elements styled by the site's tokens: whatever the brand sets (`oklch()`, `light-dark()`,
 * `color-mix()`) is resolved by the browser and read back as pixels.
 */
export function themeColours(probeParent: HTMLElement): ThemeColours {
  const probe = document.createElement('span');
  probe.className = 'kg-graph-probe';
  probeParent.append(probe);
  const read = (variable: string) => {
    probe.dataset.colour = variable;
    return toRgb(getComputedStyle(probe).color);
  };
  const text = read('text');
  const muted = read('muted');
  const background = read('bg');
  const border = read('border');
  const accent = read('accent');
  probe.remove();
  return {
    text,
    muted,
    background,
    accent,
    edge: mix(muted, background, 0.25),
    faintEdge: mix(muted, background, 0.15),
    faded: mix(border, background, 0.6),
  };
}

let canvas: CanvasRenderingContext2D | null | undefined;

/** Any CSS colour as `rgba(r, g, b, a)`, by painting one pixel. */
function toRgb(colour: string): string {
  canvas ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!canvas) return colour;
  canvas.clearRect(0, 0, 1, 1);
  canvas.fillStyle = colour;
  canvas.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
  return `rgba(${r}, ${g}, ${b}, ${((a ?? 255) / 255).toFixed(3)})`;
}

function parts(rgba: string): number[] {
  return (rgba.match(/[\d.]+/g) ?? ['0', '0', '0', '1']).map(Number);
}

export function withAlpha(rgba: string, alpha: number): string {
  const [r, g, b] = parts(rgba);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** `a` mixed into `b`: `share` of a. */
export function mix(a: string, b: string, share: number): string {
  const [r1, g1, b1] = parts(a);
  const [r2, g2, b2] = parts(b);
  const blend = (x = 0, y = 0) => Math.round(x * share + y * (1 - share));
  return `rgb(${blend(r1, r2)}, ${blend(g1, g2)}, ${blend(b1, b2)})`;
}
