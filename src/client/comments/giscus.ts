/**
 * Loads a note's giscus thread in the browser. The page ships only this small module; the giscus
 * web component (and Lit, which it uses) is imported when the reader scrolls near the thread, so
 * it never delays the page. The widget follows the page's theme live: `data-theme` on <html>
 * ('light' or 'dark', set by the site before first paint), else the system's colour scheme.
 */
import type { GiscusWidget } from 'giscus';
import { readGiscusSettings, type GiscusSettings } from './settings.ts';

/** How far ahead of the viewport the thread starts loading: about a screen, so it is ready on arrival. */
const LOAD_AHEAD = '800px 0px';
/**
 * How long the giscus frame has to say it is there (it posts its height to the page as soon as it
 * draws) before the reader is told that it is not coming: a frame the network refused (a corporate
 * filter, an ad blocker, no connection) shows only the browser's broken-frame icon.
 */
const ANSWER_TIMEOUT_MS = 6000;

const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');

for (const container of document.querySelectorAll<HTMLElement>('[data-kg-giscus]')) {
  const settings = readGiscusSettings(container.dataset);
  if (settings) whenNeeded(container, settings);
}

function whenNeeded(container: HTMLElement, settings: GiscusSettings): void {
  let started = false;
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) start();
    },
    { rootMargin: LOAD_AHEAD },
  );
  const start = () => {
    if (started) return;
    started = true;
    observer.disconnect();
    mount(container, settings).catch(() => showFailure(container));
  };
  // Back from signing in to giscus on GitHub: the widget must read its session from the address now.
  if (new URLSearchParams(window.location.search).has('giscus')) {
    start();
    container.scrollIntoView();
    return;
  }
  observer.observe(container);
  if (settings.loading === 'eager') afterPageLoad(start);
}

async function mount(container: HTMLElement, settings: GiscusSettings): Promise<void> {
  await import('giscus');
  const widget = document.createElement('giscus-widget');
  const attributes: Record<string, string> = {
    host: settings.host,
    repo: settings.repo,
    repoid: settings.repoId,
    category: settings.category,
    categoryid: settings.categoryId,
    mapping: 'specific',
    term: settings.term,
    strict: '1',
    reactionsenabled: settings.reactionsEnabled ? '1' : '0',
    emitmetadata: '0',
    inputposition: settings.inputPosition,
    theme: settings.themes[pageTheme()],
    lang: settings.lang,
    // The thread is already near the viewport (or asked for eagerly); let the frame load now.
    loading: 'eager',
  };
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  container.replaceChildren(widget);
  followPageTheme(widget, settings.themes);
  expectAnswer(container, settings.host);
}

/**
 * Shows the failure notice when the frame stays silent; takes it away again (and shows the thread)
 * if giscus answers after all, on a slow network.
 */
function expectAnswer(container: HTMLElement, host: string): void {
  const origin = new URL(host).origin;
  const timer = setTimeout(() => showFailure(container), ANSWER_TIMEOUT_MS);
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== origin) return;
    clearTimeout(timer);
    removeEventListener('message', onMessage);
    container.classList.remove('kg-comments-failed');
    container.querySelector('.kg-comments-failure')?.remove();
  };
  addEventListener('message', onMessage);
}

function pageTheme(): 'light' | 'dark' {
  const theme = document.documentElement.dataset.theme;
  if (theme === 'light' || theme === 'dark') return theme;
  return darkScheme.matches ? 'dark' : 'light';
}

/**
 * Changing the widget's `theme` attribute makes giscus restyle the open thread through a message
 * to its frame, without reloading it (a half-written comment survives).
 */
function followPageTheme(widget: GiscusWidget, themes: GiscusSettings['themes']): void {
  const apply = () => {
    const theme = themes[pageTheme()];
    if (widget.getAttribute('theme') !== theme) widget.setAttribute('theme', theme);
  };
  new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  darkScheme.addEventListener('change', apply);
}

function afterPageLoad(callback: () => void): void {
  const whenIdle = () =>
    'requestIdleCallback' in window ? window.requestIdleCallback(callback, { timeout: 2000 }) : setTimeout(callback, 200);
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}

/** A sentence and the way to the discussion on GitHub, in place of a broken frame. */
function showFailure(container: HTMLElement): void {
  if (container.querySelector('.kg-comments-failure')) return;
  const notice = document.createElement('p');
  notice.className = 'kg-comments-failure';
  notice.setAttribute('role', 'status');
  notice.append('The discussion could not be loaded here: this network or a browser extension may block the service that shows it. ');
  const url = container.dataset.discussionUrl;
  if (url) {
    const link = document.createElement('a');
    link.href = url;
    link.textContent = 'Read and join it on GitHub';
    notice.append(link, '.');
  } else notice.append('Reload the page to try again.');
  container.classList.add('kg-comments-failed');
  container.querySelector('.kg-comments-status')?.remove();
  container.prepend(notice);
}
