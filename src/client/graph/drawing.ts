import type { Attributes } from 'graphology-types';
import { drawDiscNodeLabel } from 'sigma/rendering';
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

type HoverData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { key?: string };

/**
 * How a highlighted note is drawn over the graph: a ring in the theme's accent, and its label unless
 * the pointer is on it (then the page's own tooltip shows the title, readable in either theme,
 * instead of sigma's white label box).
 */
export function highlightDrawer<N extends Attributes>(accent: () => string, pointedAt: () => string | undefined) {
  return (context: CanvasRenderingContext2D, data: HoverData, settings: Settings<N>): void => {
    context.beginPath();
    context.arc(data.x, data.y, data.size + 3, 0, Math.PI * 2);
    context.lineWidth = 2.5;
    context.strokeStyle = accent();
    context.stroke();
    if (data.key === undefined || data.key !== pointedAt()) drawDiscNodeLabel(context, data, settings);
  };
}
