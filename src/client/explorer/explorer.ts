/**
 * The explorer's behaviour: open and close folders (loading a folder's entries from its JSON file the
 * first time), "Show all" for long folders, remembering which folders the reader opened or closed
 * (localStorage, across pages), and keeping the current page in view. The markup mirrors
 * src/components/ExplorerList.astro.
 */
import type { ExplorerJson, ExplorerJsonEntry } from '../../core/publish/explorer-json.ts';

const STORE_KEY = 'kg-explorer';
/** Folders remembered at most; the oldest choices are forgotten first. */
const STORE_LIMIT = 300;

type Remembered = Record<string, boolean>;

function readRemembered(): Remembered {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORE_KEY) ?? '{}');
    return value && typeof value === 'object' ? (value as Remembered) : {};
  } catch {
    return {};
  }
}

function remember(slug: string, open: boolean): void {
  const state = readRemembered();
  delete state[slug];
  state[slug] = open;
  const keys = Object.keys(state);
  for (const key of keys.slice(0, Math.max(0, keys.length - STORE_LIMIT))) delete state[key];
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(state));
  } catch {
    /* storage full or disabled: the explorer still works, it just forgets */
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function chevron(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'kg-icon kg-chevron');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  for (const [name, value] of Object.entries({
    d: 'M9 6l6 6-6 6',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  })) {
    path.setAttribute(name, value);
  }
  svg.append(path);
  return svg;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function link(entry: ExplorerJsonEntry): HTMLAnchorElement {
  const anchor = element('a', undefined, entry.title);
  anchor.href = entry.url;
  if (new URL(entry.url, location.href).pathname === location.pathname) anchor.setAttribute('aria-current', 'page');
  return anchor;
}

function entryItem(entry: ExplorerJsonEntry): HTMLLIElement {
  if (entry.kind === 'note') {
    const item = element('li', 'kg-tree-note');
    item.append(link(entry));
    return item;
  }
  const item = element('li', 'kg-tree-folder');
  item.dataset.folder = entry.slug;
  const row = element('div', 'kg-tree-row');
  const toggle = element('button', 'kg-tree-toggle');
  toggle.type = 'button';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.append(chevron(), element('span', 'kg-visually-hidden', entry.title));
  const count = element('span', 'kg-tree-count', String(entry.count));
  count.append(' ', element('span', 'kg-visually-hidden', 'notes'));
  row.append(toggle, link(entry), ' ', count);
  item.append(row);
  return item;
}

export function enhanceExplorer(nav: HTMLElement): void {
  const dataUrl = nav.dataset.explorer ?? '';
  const loads = new Map<string, Promise<ExplorerJson>>();
  const load = (slug: string): Promise<ExplorerJson> => {
    let pending = loads.get(slug);
    if (!pending) {
      const file = `${dataUrl}${slug === '' ? '_root' : slug.split('/').map(encodeURIComponent).join('/')}.json`;
      pending = fetch(file).then((response) => {
        if (!response.ok) throw new Error(`${file}: ${response.status}`);
        return response.json() as Promise<ExplorerJson>;
      });
      pending.catch(() => loads.delete(slug));
      loads.set(slug, pending);
    }
    return pending;
  };

  /** A list of a folder's entries, reusing the items already in the page (and what is open in them). */
  const renderList = (json: ExplorerJson, existing: HTMLUListElement | null): HTMLUListElement => {
    const list = element('ul', 'kg-tree');
    list.dataset.folderList = json.folder;
    const kept = new Map<string, HTMLLIElement>();
    for (const item of existing?.querySelectorAll<HTMLLIElement>(':scope > li') ?? []) {
      const key = item.dataset.folder ?? item.querySelector('a')?.getAttribute('href');
      if (key) kept.set(key, item);
    }
    for (const entry of json.entries) {
      list.append(kept.get(entry.kind === 'folder' ? entry.slug : entry.url) ?? entryItem(entry));
    }
    return list;
  };

  const setOpen = async (item: HTMLLIElement, open: boolean): Promise<void> => {
    const toggle = item.querySelector<HTMLButtonElement>(':scope > .kg-tree-row > .kg-tree-toggle');
    const slug = item.dataset.folder;
    if (!toggle || slug === undefined) return;
    let list = item.querySelector<HTMLUListElement>(':scope > ul');
    if (open && !list) {
      toggle.setAttribute('aria-busy', 'true');
      try {
        list = renderList(await load(slug), null);
        item.append(list);
      } catch {
        item.append(element('p', 'kg-tree-error', 'Could not load this folder. Follow its link instead.'));
        return;
      } finally {
        toggle.removeAttribute('aria-busy');
      }
      restore(list);
    }
    toggle.setAttribute('aria-expanded', String(open));
    if (list) list.hidden = !open;
  };

  /** Opens and closes folders as the reader left them on earlier pages; the way to this page stays open. */
  const restore = (scope: HTMLElement) => {
    const remembered = readRemembered();
    for (const item of scope.querySelectorAll<HTMLLIElement>('li[data-folder]')) {
      const choice = remembered[item.dataset.folder ?? ''];
      const isOpen = item.querySelector(':scope > .kg-tree-row > .kg-tree-toggle')?.getAttribute('aria-expanded') === 'true';
      if (choice === true && !isOpen) void setOpen(item, true);
      else if (choice === false && isOpen && !('ancestor' in item.dataset)) void setOpen(item, false);
    }
  };

  nav.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const toggle = target?.closest<HTMLButtonElement>('.kg-tree-toggle');
    if (toggle) {
      const item = toggle.closest<HTMLLIElement>('li[data-folder]');
      if (!item) return;
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      remember(item.dataset.folder ?? '', open);
      void setOpen(item, open);
      return;
    }
    const more = target?.closest<HTMLButtonElement>('[data-explorer-more]');
    if (more) {
      const slug = more.dataset.explorerMore ?? '';
      const list = more.closest('ul');
      more.disabled = true;
      load(slug)
        .then((json) => {
          const full = renderList(json, list as HTMLUListElement | null);
          list?.replaceWith(full);
          full.querySelector<HTMLElement>('a')?.focus();
        })
        .catch(() => {
          more.disabled = false;
        });
    }
  });

  restore(nav);
  // Keep the current page in view in a long explorer (only the explorer scrolls, not the page).
  const current = nav.querySelector<HTMLElement>('[aria-current="page"]');
  if (current && nav.scrollHeight > nav.clientHeight) {
    const offset = current.getBoundingClientRect().top - nav.getBoundingClientRect().top;
    if (offset > nav.clientHeight - 48) nav.scrollTop = offset - nav.clientHeight / 3;
  }
}
