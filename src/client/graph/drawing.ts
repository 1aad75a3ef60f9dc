import type { NodeDisplayData, PartialButFor } from 'sigma/types';

type HoverData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'>;

/**
 * How a highlighted note is drawn over the graph: a ring in the theme's accent. Its title is placed
 * with the others (labels.ts), so that it neither overlaps them nor runs off the drawing; the note
 * under the pointer has the page's own tooltip instead.
 */
export function highlightDrawer(accent: () => string) {
  return (context: CanvasRenderingContext2D, data: HoverData, _settings: unknown): void => {
    context.beginPath();
    context.arc(data.x, data.y, data.size + 3, 0, Math.PI * 2);
    context.lineWidth = 2.5;
    context.strokeStyle = accent();
    context.stroke();
  };
}
