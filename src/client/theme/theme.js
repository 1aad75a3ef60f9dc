/*
 * The theme, decided before the first paint. Loaded as a classic, render-blocking script from the
 * page's <head> (an external file: the Content-Security-Policy allows no inline script), before the
 * stylesheets, so the page never shows the wrong theme for a frame.
 *
 * Contract shared with every part of the site (comments, graph, …):
 * - `document.documentElement.dataset.theme` is 'light' or 'dark', always set;
 * - the reader's choice is kept in localStorage under 'kg-theme'; without one the theme follows
 *   `prefers-color-scheme`, also when it changes;
 * - every change dispatches a 'kg:themechange' event on document, with `detail.theme`.
 * Any element with `data-theme-toggle` flips the theme when clicked; its `aria-pressed` says whether
 * the dark theme is on.
 */
(() => {
  var KEY = 'kg-theme';
  var root = document.documentElement;
  var system = window.matchMedia('(prefers-color-scheme: dark)');

  function stored() {
    var value = null;
    try {
      value = localStorage.getItem(KEY);
    } catch (_error) {
      return null; // storage disabled: follow the system
    }
    return value === 'light' || value === 'dark' ? value : null;
  }

  function systemTheme() {
    return system.matches ? 'dark' : 'light';
  }

  function apply(theme) {
    var changed = root.dataset.theme !== theme;
    root.dataset.theme = theme;
    var toggles = document.querySelectorAll('[data-theme-toggle]');
    for (const toggle of toggles) toggle.setAttribute('aria-pressed', theme === 'dark' ? 'true' : 'false');
    if (changed) document.dispatchEvent(new CustomEvent('kg:themechange', { detail: { theme: theme } }));
  }

  function choose(theme) {
    // A choice that matches the system is no choice at all: forget it, and follow the system again.
    try {
      if (theme === systemTheme()) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, theme);
    } catch (_error) {
      /* not remembered, but still applied */
    }
    apply(theme);
  }

  root.dataset.js = '';
  apply(stored() || systemTheme());

  system.addEventListener('change', () => {
    apply(stored() || systemTheme());
  });
  // Another tab changed the choice.
  window.addEventListener('storage', (event) => {
    if (event.key === KEY || event.key === null) apply(stored() || systemTheme());
  });
  document.addEventListener('click', (event) => {
    var target = event.target;
    if (target instanceof Element && target.closest('[data-theme-toggle]')) {
      choose(root.dataset.theme === 'dark' ? 'light' : 'dark');
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    apply(root.dataset.theme || systemTheme());
  });
})();
