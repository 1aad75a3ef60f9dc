import type { GraphViewJson } from '../../core/graph/view-json.ts';
import { categoryColour } from './colours.ts';
import { areaName } from './data.ts';
import { formatCount } from './format.ts';
import type { GraphViewState } from './view-state.ts';

/**
 * The colour choice (by area or by tag), the area checkboxes, the tag filter and the legend. Every
 * change goes into `view`, then `changed` redraws (and says how many notes are shown).
 */
export function bindGraphFilters(root: HTMLElement, data: GraphViewJson, view: GraphViewState, changed: () => void): void {
  const areaList = root.querySelector<HTMLElement>('[data-graph-areas]')!;
  const tagLegend = root.querySelector<HTMLElement>('[data-graph-tag-legend]')!;
  const renderLegend = () => {
    for (const swatch of areaList.querySelectorAll<HTMLElement>('.kg-graph-swatch')) {
      swatch.style.backgroundColor = view.colourBy === 'area' ? categoryColour(Number(swatch.dataset.area)) : 'transparent';
    }
    tagLegend.hidden = view.colourBy !== 'tag';
    tagLegend.replaceChildren(
      ...data.tags.slice(0, 11).map((tag, i) => {
        const item = document.createElement('li');
        item.append(swatch(categoryColour(i)), ` #${tag.name}`);
        return item;
      }),
    );
  };

  for (const radio of root.querySelectorAll<HTMLInputElement>('input[name="kg-graph-colour"]')) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      view.colourBy = radio.value === 'tag' ? 'tag' : 'area';
      renderLegend();
      changed();
    });
  }

  areaList.replaceChildren(
    ...data.areas.map((area, i) => {
      const item = document.createElement('li');
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.addEventListener('change', () => {
        if (box.checked) view.hiddenAreas.delete(i);
        else view.hiddenAreas.add(i);
        changed();
      });
      const areaSwatch = swatch();
      areaSwatch.dataset.area = String(i);
      label.append(box, areaSwatch, ` ${areaName(area)} `, count(area.notes));
      label.title = area.folder;
      item.append(label);
      return item;
    }),
  );

  const tagSelect = root.querySelector<HTMLSelectElement>('[data-graph-tag]')!;
  tagSelect.append(
    ...data.tags.map((tag, i) => {
      const option = document.createElement('option');
      option.value = String(i);
      option.textContent = `#${tag.name} (${tag.notes})`;
      return option;
    }),
  );
  tagSelect.addEventListener('change', () => {
    view.tag = Number(tagSelect.value);
    changed();
  });

  renderLegend();
}

function swatch(colour?: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'kg-graph-swatch';
  if (colour) span.style.backgroundColor = colour;
  return span;
}

function count(value: number): HTMLElement {
  const span = document.createElement('span');
  span.className = 'kg-graph-count';
  span.textContent = formatCount(value);
  return span;
}
