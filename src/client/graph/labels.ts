import type Sigma from 'sigma';
import type { Settings } from 'sigma/settings';
import type { NodeAttributes } from './data.ts';

/**
 * Which notes of a graph get their title written beside them, and where. Sigma's own choice works
 * by grid cells and ignores how long a title is, so titles overlap, and a title near the right edge
 * is cut by it. Here every note on screen is a candidate, the ones that must be named first (the
 * current note, the highlighted one), then the most influential. Each title goes right of its dot,
 * else left, a little higher or lower, under or over it, or off a corner: the first place inside
 * the drawing that is clear of the titles already placed and of the named dots, and if possible of
 * every other dot. A title too long for the room between its dot and the edge is shortened with an
 * ellipsis, and so is one that must be shown and fits nowhere else. Zooming in makes room: more
 * titles appear.
 */

export interface LabelCandidate {
  key: string;
  text: string;
  /** The dot's centre and radius, in pixels of the drawing. */
  x: number;
  y: number;
  size: number;
  /** Must be named (the current note, the highlighted one), whatever else is in the way. */
  forced: boolean;
  /** Among the others, higher first: the notes asked for (a highlighted note's neighbours), then by the dot's size (influence). */
  priority: number;
}

export interface PlacedLabel {
  key: string;
  /** The text drawn: the title, or its start and an ellipsis. */
  text: string;
  /** The box of the text, top left corner and size, in pixels of the drawing. */
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** For a dot: the note's key (a title may touch its own dot), and whether it is named yet. */
  dot?: string;
  named?: boolean;
}

/** Space kept between a dot and its title, and around titles. */
const GAP = 3;
const PADDING = 2;
/** Side of the cells of the grid that finds the boxes near a new one. */
const CELL = 64;
/** A title shortened to fewer characters (the ellipsis included) says too little to be worth drawing. */
const MIN_SHORTENED = 6;
/** What `forceLabel` adds to a note's priority: more than any dot's size. */
const ASKED_FOR = 1e6;

export function placeLabels(
  candidates: readonly LabelCandidate[],
  view: { width: number; height: number },
  measure: (text: string) => number,
  fontSize: number,
): PlacedLabel[] {
  const height = Math.ceil(fontSize * 1.25);
  const taken = new BoxGrid();
  const placed: PlacedLabel[] = [];
  // Dots are in the way of other notes' titles: a title hides none if it can help it, and never
  // one whose note is named.
  const dots = new Map(
    candidates.map(({ key, x, y, size }) => [
      key,
      { left: x - size, top: y - size, right: x + size, bottom: y + size, dot: key, named: false },
    ]),
  );
  for (const dot of dots.values()) taken.add(dot);
  const inside = (box: Box) => box.left >= 0 && box.top >= 0 && box.right <= view.width && box.bottom <= view.height;
  const order = [...candidates]
    .filter((candidate) => candidate.text !== '')
    .sort((a, b) => Number(b.forced) - Number(a.forced) || b.priority - a.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const candidate of order) {
    const { x, y, size } = candidate;
    const boxes = placesAround(candidate, Math.ceil(measure(candidate.text)), height).filter(inside);
    const clear = (at: Box) => !taken.overlaps(at, candidate.key, true);
    const free = (at: Box) => !taken.overlaps(at, candidate.key, false);
    // Too long for the room between the dot and an edge: shortened to that room, right or left.
    const shortened = shortenedBeside(candidate, view, measure, height).filter((fitted) => inside(fitted.spot));
    const mostlyWhole = (fitted: { text: string }) => [...fitted.text].length >= ([...candidate.text].length * 2) / 3;
    let spot = boxes.find(clear);
    let text = candidate.text;
    const fits = (ok: (at: Box) => boolean, whole: boolean) => {
      const fitted = shortened.find((option) => (!whole || mostlyWhole(option)) && ok(option.spot));
      if (fitted) ({ spot, text } = fitted);
    };
    if (!spot) fits(clear, true);
    spot ??= boxes.find(free);
    if (!spot) fits(free, false);
    if (!spot && candidate.forced) {
      // Named whatever happens: on the side with more room, shortened to fit it (placed first, so
      // only another title that must be shown can be in the way).
      const right = view.width - (x + size + GAP);
      const left = x - size - GAP;
      text = shorten(candidate.text, Math.max(right, left), measure);
      const shortWidth = Math.ceil(measure(text));
      const top = Math.min(Math.max(y - height / 2, 0), Math.max(view.height - height, 0));
      spot = right >= left ? box(x + size + GAP, top, shortWidth, height) : box(x - size - GAP - shortWidth, top, shortWidth, height);
    }
    if (!spot) continue;
    taken.add(spot);
    dots.get(candidate.key)!.named = true;
    placed.push({ key: candidate.key, text, x: spot.left, y: spot.top, width: spot.right - spot.left, height });
  }
  return placed;
}

/** Where a title may go, in order: beside the dot (right, then left), a little higher or lower,
 * under and over it, then off its corners. */
function placesAround({ x, y, size }: LabelCandidate, width: number, height: number): Box[] {
  const right = x + size + GAP;
  const left = x - size - GAP - width;
  const centred = x - width / 2;
  return [
    [right, y - height / 2],
    [left, y - height / 2],
    [right, y - height],
    [right, y],
    [left, y - height],
    [left, y],
    [centred, y + size + GAP],
    [centred, y - size - GAP - height],
    [right, y + size],
    [right, y - size - height],
    [left, y + size],
    [left, y - size - height],
  ].map(([at, top]) => box(at!, top!, width, height));
}

/** The title shortened to the room right of its dot, and to the room left of it, where that keeps a few characters. */
function shortenedBeside(
  candidate: LabelCandidate,
  view: { width: number; height: number },
  measure: (text: string) => number,
  height: number,
): { spot: Box; text: string }[] {
  const { x, y, size } = candidate;
  const sides = [
    { room: view.width - (x + size + GAP), place: () => x + size + GAP },
    { room: x - size - GAP, place: (width: number) => x - size - GAP - width },
  ];
  return sides.flatMap(({ room, place }) => {
    const text = shorten(candidate.text, room, measure);
    if (text === candidate.text || [...text].length <= MIN_SHORTENED) return [];
    const width = Math.ceil(measure(text));
    return [{ text, spot: box(place(width), y - height / 2, width, height) }];
  });
}

function box(left: number, top: number, width: number, height: number): Box {
  return { left, top, right: left + width, bottom: top + height };
}

/** The longest start of `text` that fits in `room` pixels with an ellipsis; the ellipsis alone at worst. */
export function shorten(text: string, room: number, measure: (text: string) => number): string {
  if (measure(text) <= room) return text;
  const characters = [...text];
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(`${characters.slice(0, middle).join('').trimEnd()}…`) <= room) low = middle;
    else high = middle - 1;
  }
  return `${characters.slice(0, low).join('').trimEnd()}…`;
}

/** Boxes already taken, by grid cell, so that each test looks at a few neighbours only. */
class BoxGrid {
  private readonly cells = new Map<string, Box[]>();

  add(box: Box): void {
    this.forCells(box, (key) => {
      const cell = this.cells.get(key);
      if (cell) cell.push(box);
      else this.cells.set(key, [box]);
    });
  }

  /** Whether `box` touches a title, or a dot other than `owner`'s: any dot, or only named ones. */
  overlaps(box: Box, owner: string, anyDot: boolean): boolean {
    const inTheWay = (other: Box) => (other.dot === undefined ? true : other.dot !== owner && (anyDot || other.named === true));
    let found = false;
    this.forCells(box, (key) => {
      found ||= this.cells.get(key)?.some((other) => inTheWay(other) && intersects(box, other)) ?? false;
    });
    return found;
  }

  private forCells(box: Box, visit: (key: string) => void): void {
    for (let column = Math.floor((box.left - PADDING) / CELL); column <= Math.floor((box.right + PADDING) / CELL); column++) {
      for (let row = Math.floor((box.top - PADDING) / CELL); row <= Math.floor((box.bottom + PADDING) / CELL); row++)
        visit(`${column},${row}`);
    }
  }
}

function intersects(a: Box, b: Box): boolean {
  return a.left < b.right + PADDING && b.left < a.right + PADDING && a.top < b.bottom + PADDING && b.top < a.bottom + PADDING;
}

/**
 * Hands sigma's labels over to `placeLabels`: sigma offers every note on screen (its own selection
 * is switched off), the titles are placed once all are known, after each frame, and drawn with a
 * halo of the background colour so that lines never cross through the letters. Each frame's titles
 * are announced on the stage as a `kg:graphlabels` event (what the browser tests read).
 */
export function placeLabelsFor(
  renderer: Sigma<NodeAttributes>,
  options: { background: () => string; pointedAt: () => string | undefined },
): void {
  let candidates: LabelCandidate[] = [];
  renderer.setSetting('labelDensity', Number.POSITIVE_INFINITY);
  renderer.setSetting('labelRenderedSizeThreshold', 0);
  renderer.setSetting('defaultDrawNodeLabel', (_context, shown) => {
    // Sigma passes the node's key along with its display data.
    const data = shown as typeof shown & { key: string };
    if (!data.label || data.key === options.pointedAt()) return;
    candidates.push({
      key: data.key,
      text: data.label,
      x: data.x,
      y: data.y,
      size: data.size,
      forced: Boolean(data.highlighted),
      priority: (data.forceLabel ? ASKED_FOR : 0) + data.size,
    });
  });
  renderer.on('beforeRender', () => {
    candidates = [];
  });
  renderer.on('afterRender', () => {
    const canvas = renderer.getCanvases().labels;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const settings: Settings<NodeAttributes> = renderer.getSettings();
    context.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
    const { width, height } = renderer.getDimensions();
    const placed =
      candidates.length === 0
        ? []
        : placeLabels(candidates, { width, height }, (text) => context.measureText(text).width, settings.labelSize);
    context.textBaseline = 'middle';
    context.lineJoin = 'round';
    context.lineWidth = 3;
    context.strokeStyle = options.background();
    context.fillStyle = settings.labelColor.color ?? '#000';
    for (const label of placed) {
      const middle = label.y + label.height / 2;
      context.strokeText(label.text, label.x, middle);
      context.fillText(label.text, label.x, middle);
    }
    renderer.getContainer().dispatchEvent(new CustomEvent('kg:graphlabels', { bubbles: true, detail: { width, height, labels: placed } }));
  });
}
