import { describe, expect, it } from 'vitest';
import { placeLabels, shorten, type LabelCandidate, type PlacedLabel } from '../../src/client/graph/labels.ts';

/** Text 7 px per character, 12 px high: what a 12 px font roughly measures. */
const measure = (text: string) => [...text].length * 7;
const view = { width: 400, height: 300 };

function candidate(key: string, x: number, y: number, options: Partial<LabelCandidate> = {}): LabelCandidate {
  return { key, text: key, x, y, size: 4, forced: false, priority: 1, ...options };
}

function overlap(a: PlacedLabel, b: PlacedLabel): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function expectInside(labels: PlacedLabel[]): void {
  for (const label of labels) {
    expect(label.x, label.key).toBeGreaterThanOrEqual(0);
    expect(label.y, label.key).toBeGreaterThanOrEqual(0);
    expect(label.x + label.width, label.key).toBeLessThanOrEqual(view.width);
    expect(label.y + label.height, label.key).toBeLessThanOrEqual(view.height);
  }
}

describe('graph labels', () => {
  it('names every note when there is room, each title right of its dot', () => {
    const notes = [candidate('Alpha', 50, 50), candidate('Beta', 200, 100), candidate('Gamma', 100, 200)];
    const placed = placeLabels(notes, view, measure, 12);
    expect(placed.map((label) => label.key).sort()).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(placed.find((label) => label.key === 'Alpha')).toMatchObject({ x: 57, text: 'Alpha' });
  });

  it('puts a title left of a dot at the right edge rather than cutting it', () => {
    const [label] = placeLabels([candidate('Backlinks', 390, 100)], view, measure, 12);
    expect(label!.x + label!.width).toBeLessThanOrEqual(383);
    expectInside([label!]);
  });

  it('shortens a title too long for the room between its dot and the edges', () => {
    const title = 'A title far too long for this drawing of two hundred pixels';
    const [label] = placeLabels([candidate(title, 100, 290)], { width: 200, height: 300 }, measure, 12);
    expect(label!.text).toMatch(/^A title far.*…$/);
    expect(label!.x + label!.width).toBeLessThanOrEqual(200);
  });

  it('hides no other dot with a title when there is another place for it', () => {
    // Right of Big is Small's dot: Big's title goes left, and Small keeps its own.
    const placed = placeLabels([candidate('Big', 100, 100, { priority: 10 }), candidate('Small', 120, 100)], view, measure, 12);
    const big = placed.find((label) => label.key === 'Big')!;
    expect(big.x + big.width).toBeLessThan(100);
    expect(placed.map((label) => label.key)).toContain('Small');
  });

  it('shortens a title a little rather than hide another dot, when the edge leaves little room', () => {
    // 'Handbook of sections' (140 px) has 108 px on its right; its left, and above and below it, are other dots.
    const notes = [
      candidate('Handbook of sections', 285, 100, { priority: 10 }),
      candidate('Small', 200, 100),
      candidate('Up', 285, 80),
      candidate('Down', 285, 120),
    ];
    const placed = placeLabels(notes, view, measure, 12);
    const handbook = placed.find((label) => label.key === 'Handbook of sections')!;
    expect(handbook.x).toBeGreaterThan(285);
    expect(handbook.text).toMatch(/^Handbook of.*…$/);
    expect(handbook.x + handbook.width).toBeLessThanOrEqual(view.width);
    expect(placed.map((label) => label.key)).toContain('Small');
  });

  it('never lets two titles overlap: the more influential note keeps its title', () => {
    const crowd = Array.from({ length: 30 }, (_, i) =>
      candidate(`Note number ${i}`, 150 + (i % 5) * 3, 150 + Math.floor(i / 5) * 4, { priority: i }),
    );
    const placed = placeLabels(crowd, view, measure, 12);
    expect(placed.length).toBeGreaterThan(1);
    expect(placed.length).toBeLessThan(30);
    expect(placed[0]!.key).toBe('Note number 29');
    for (const a of placed) for (const b of placed) if (a !== b) expect(overlap(a, b), `${a.key} / ${b.key}`).toBe(false);
    expectInside(placed);
  });

  it('always names the note that must be named, first, shortened if it fits nowhere whole', () => {
    const long = 'A very long title that no side of this small drawing can hold whole';
    const placed = placeLabels(
      [candidate('Big', 60, 150, { priority: 100 }), candidate(long, 60, 150, { forced: true })],
      { width: 200, height: 300 },
      measure,
      12,
    );
    expect(placed[0]!.key).toBe(long);
    expect(placed[0]!.text.endsWith('…')).toBe(true);
    expect(placed[0]!.x + placed[0]!.width).toBeLessThanOrEqual(200);
  });

  it('shortens a title with an ellipsis to the room given', () => {
    expect(shorten('Short', 100, measure)).toBe('Short');
    expect(shorten('Onboarding checklist', 70, measure)).toBe('Onboardin…');
    expect(measure(shorten('Onboarding checklist', 70, measure))).toBeLessThanOrEqual(70);
    expect(shorten('Onboarding', 3, measure)).toBe('…');
  });
});
