/**
 * Hover previews, part 2 (loaded on demand by hover-preview.ts): a card showing the title and the
 * first part of the linked note, or just the linked section or block, fetched from the target page
 * itself (same origin, cached per page). The card is `position: fixed` outside the page's flow, so
 * showing it moves nothing (no layout shift). It opens after a short pause on a link or when a link
 * gets keyboard focus, stays open while the pointer is over it, and closes on leaving, on blur, on
 * scroll and on Escape (WCAG 1.4.13). It is the link's `aria-describedby` while open; the links
 * inside it can be clicked but are not in the tab order.
 *
 * Everything in the card comes from our own built pages, already sanitized at build time; ids are
 * removed from the copies so the page's own ids stay unique.
 */
import { safeDecode } from '../../core/common/decode.ts';

const LINK = 'a.internal[href]';
const SHOW_DELAY_MS = 300;
const HIDE_DELAY_MS = 200;
/** About how much text the card shows of a note: a few paragraphs. */
const MAX_CHARACTERS = 700;
const MAX_BLOCKS = 6;
const GAP = 8;

interface Preview {
  title: string;
  nodes: Element[];
}

export class PreviewCards {
  private readonly document: Document;
  private readonly card: HTMLElement;
  private readonly cardTitle: HTMLElement;
  private readonly cardBody: HTMLElement;
  private readonly pages = new Map<string, Promise<Document | undefined>>();
  private link: HTMLAnchorElement | undefined;
  private showTimer: ReturnType<typeof setTimeout> | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every change of mind, so that a slow fetch never shows a stale card. */
  private generation = 0;

  constructor(document: Document) {
    this.document = document;
    this.card = document.createElement('div');
    this.card.className = 'kg-preview';
    this.card.id = 'kg-preview';
    this.card.setAttribute('role', 'tooltip');
    this.card.hidden = true;
    this.cardTitle = document.createElement('p');
    this.cardTitle.className = 'kg-preview-title';
    this.cardBody = document.createElement('div');
    this.cardBody.className = 'kg-preview-body';
    this.card.append(this.cardTitle, this.cardBody);
    document.body.append(this.card);
  }

  /** Starts listening, and treats the event that caused the loading as if it happened now. */
  begin(event: Event, link: HTMLAnchorElement): void {
    const doc = this.document;
    doc.addEventListener('pointerover', (e) => this.onPointerOver(e));
    doc.addEventListener('pointerout', (e) => this.onPointerOut(e));
    doc.addEventListener('focusin', (e) => this.onFocusIn(e));
    doc.addEventListener('focusout', (e) => {
      if (e.target === this.link) this.hide();
    });
    doc.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.hide();
    });
    window.addEventListener('scroll', () => this.hide(), { passive: true });
    if (event.type === 'focusin') {
      if (link.matches(':focus-visible')) this.schedule(link);
    } else if (link.matches(':hover')) this.schedule(link);
  }

  private onPointerOver(event: PointerEvent): void {
    if (event.pointerType === 'touch') return;
    const target = event.target as Element;
    if (this.card.contains(target)) {
      this.cancelHide();
      return;
    }
    const link = target.closest<HTMLAnchorElement>(LINK);
    if (link && link !== this.link) this.schedule(link);
    else if (link) this.cancelHide();
  }

  private onPointerOut(event: PointerEvent): void {
    if (!this.link) return;
    const to = event.relatedTarget as Node | null;
    if (to && (this.link.contains(to) || this.card.contains(to))) return;
    const from = event.target as Node;
    if (this.link.contains(from) || this.card.contains(from)) this.scheduleHide();
  }

  private onFocusIn(event: FocusEvent): void {
    const link = (event.target as Element).closest?.<HTMLAnchorElement>(LINK);
    if (link?.matches(':focus-visible')) this.schedule(link);
  }

  private schedule(link: HTMLAnchorElement): void {
    this.hide();
    this.link = link;
    const generation = this.generation;
    this.showTimer = setTimeout(() => void this.show(link, generation), SHOW_DELAY_MS);
  }

  private scheduleHide(): void {
    this.cancelHide();
    this.hideTimer = setTimeout(() => this.hide(), HIDE_DELAY_MS);
  }

  private cancelHide(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = undefined;
  }

  private hide(): void {
    this.generation++;
    clearTimeout(this.showTimer);
    this.cancelHide();
    if (this.link?.getAttribute('aria-describedby') === this.card.id) this.link.removeAttribute('aria-describedby');
    this.link = undefined;
    this.card.hidden = true;
  }

  private async show(link: HTMLAnchorElement, generation: number): Promise<void> {
    const url = new URL(link.href, this.document.baseURI);
    if (url.origin !== location.origin) return;
    const page = url.pathname === location.pathname ? this.document : await this.load(url);
    if (generation !== this.generation || !page || !link.isConnected) return;
    const preview = extract(page, url.hash);
    if (!preview) return;
    this.cardTitle.textContent = preview.title;
    this.cardBody.replaceChildren(...preview.nodes.map((node) => this.copy(node)));
    this.place(link);
    if (!link.hasAttribute('aria-describedby')) link.setAttribute('aria-describedby', this.card.id);
  }

  private load(url: URL): Promise<Document | undefined> {
    const key = url.pathname;
    let page = this.pages.get(key);
    if (!page) {
      page = fetch(key, { credentials: 'same-origin' })
        .then(async (response) => (response.ok ? new DOMParser().parseFromString(await response.text(), 'text/html') : undefined))
        .catch(() => undefined);
      this.pages.set(key, page);
    }
    return page;
  }

  /** A copy for the card: no ids (they are the page's), nothing in the tab order. */
  private copy(node: Element): Node {
    const copy = this.document.importNode(node, true);
    for (const element of [copy, ...copy.querySelectorAll('*')]) {
      element.removeAttribute('id');
      if (element.matches('a, button, input, summary, iframe, video, audio, [tabindex]')) element.setAttribute('tabindex', '-1');
    }
    return copy;
  }

  /** Below the link, or above it when there is no room below; always inside the window. */
  private place(link: HTMLAnchorElement): void {
    const card = this.card;
    card.style.visibility = 'hidden';
    card.hidden = false;
    const anchor = link.getClientRects()[0] ?? link.getBoundingClientRect();
    const { offsetWidth: width, offsetHeight: height } = card;
    let top = anchor.bottom + GAP;
    if (top + height > window.innerHeight - GAP && anchor.top - GAP - height >= GAP) top = anchor.top - GAP - height;
    const left = Math.max(GAP, Math.min(anchor.left, window.innerWidth - width - GAP));
    card.style.top = `${Math.max(GAP, top)}px`;
    card.style.left = `${left}px`;
    card.style.visibility = '';
  }
}

/** The title and the first part of a built note page, or the section or block that `hash` names. */
function extract(page: Document, hash: string): Preview | undefined {
  const content = page.querySelector('.kg-content');
  const title = page.querySelector('.kg-title')?.textContent?.trim() || page.title;
  if (!content) return { title, nodes: [] };
  const id = hash.length > 1 ? safeDecode(hash.slice(1)) : '';
  const target = id ? page.getElementById(id) : null;
  let blocks: Element[];
  if (target && content.contains(target) && target !== content) {
    blocks = /^H[1-6]$/.test(target.tagName) ? section(target) : [target];
  } else blocks = [...content.children];
  const picked: Element[] = [];
  let characters = 0;
  for (const block of blocks) {
    if (block.matches('section.footnotes')) continue;
    picked.push(block);
    characters += block.textContent?.length ?? 0;
    if (characters >= MAX_CHARACTERS || picked.length >= MAX_BLOCKS) break;
  }
  return { title, nodes: picked };
}

/** A heading and what follows it up to the next heading of the same or a higher level. */
function section(heading: Element): Element[] {
  const level = Number(heading.tagName.slice(1));
  const nodes = [heading];
  for (let next = heading.nextElementSibling; next; next = next.nextElementSibling) {
    if (/^H[1-6]$/.test(next.tagName) && Number(next.tagName.slice(1)) <= level) break;
    nodes.push(next);
  }
  return nodes;
}
