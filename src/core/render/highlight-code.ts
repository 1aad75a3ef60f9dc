import type { ElementContent } from 'hast';
import { bundledLanguages, createHighlighter, type BundledLanguage, type Highlighter, type ThemeRegistrationResolved } from 'shiki';
import { LIMITS } from '../common/limits.ts';

/**
 * Build-time syntax highlighting with Shiki, in a light and a dark theme, without inline styles.
 *
 * Shiki normally writes `style="color:…;--shiki-dark:…"` on every token, which a strict
 * Content-Security-Policy (no inline styles) forbids. Here each token gets classes named after its
 * colour in each theme instead, `kg-l-d73a49 kg-d-f97583` (light #d73a49, dark #f97583), plus
 * `kg-l-i`/`kg-d-b`-style classes for italic, bold and underline. Because a theme's colours are a
 * short, fixed list, the stylesheet for every possible class is generated once from the two themes
 * (`codeThemeCss`, written to src/styles/code-theme.css by `npm run generate:code-theme`; a test
 * fails when it is out of date). Colours that equal a theme's default foreground get no class.
 */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

export interface CodeHighlighter {
  /** The highlighted content of a `<code>` element, or `undefined` for an unknown language. */
  highlight(code: string, language: string): ElementContent[] | undefined;
}

const FONT_STYLE_CLASSES: [bit: number, suffix: string][] = [
  [1, 'i'],
  [2, 'b'],
  [4, 'u'],
];

let shared: Promise<Highlighter> | undefined;

function sharedHighlighter(): Promise<Highlighter> {
  shared ??= createHighlighter({ themes: [CODE_THEMES.light, CODE_THEMES.dark], langs: [] });
  return shared;
}

/** The grammar Shiki knows a fence's language by (`ts`, `TypeScript`, `sh` …), if it knows it. */
export function knownLanguage(language: string): BundledLanguage | undefined {
  const name = language.trim().toLowerCase();
  return Object.hasOwn(bundledLanguages, name) ? (name as BundledLanguage) : undefined;
}

/**
 * Loads the grammars of the given fence languages (only those: Shiki knows 300 and loading one
 * costs time) and returns a synchronous highlighter for the render stage. One Shiki instance is
 * kept per process; the dev server's reloads only add grammars.
 */
export async function loadCodeHighlighter(languages: Iterable<string>): Promise<CodeHighlighter> {
  const highlighter = await sharedHighlighter();
  const loaded = new Set(highlighter.getLoadedLanguages());
  const wanted = [
    ...new Set([...languages].map(knownLanguage).filter((name): name is BundledLanguage => name !== undefined && !loaded.has(name))),
  ];
  if (wanted.length > 0) await highlighter.loadLanguage(...wanted);
  const light = highlighter.getTheme(CODE_THEMES.light);
  const dark = highlighter.getTheme(CODE_THEMES.dark);
  const defaults = { light: normalize(light.fg), dark: normalize(dark.fg) };
  const available = new Set(highlighter.getLoadedLanguages());
  return {
    highlight(code, language) {
      const name = knownLanguage(language);
      if (!name || !available.has(name)) return undefined;
      // No time limit: Shiki's default (500 ms a line) leaves a line half-coloured when the machine is
      // busy, so two builds of the same note would differ. Lines are bounded by
      // length instead, and a hostile code block by the build's per-note time budget (src/core/build/workers/).
      const lines = highlighter.codeToTokensWithThemes(code, {
        lang: name,
        themes: CODE_THEMES,
        tokenizeTimeLimit: 0,
        tokenizeMaxLineLength: LIMITS.maxHighlightedLineLength,
      });
      const children: ElementContent[] = [];
      lines.forEach((tokens, lineIndex) => {
        if (lineIndex > 0) children.push({ type: 'text', value: '\n' });
        for (const token of tokens) {
          const classes = [
            ...tokenClasses('l', token.variants.light, defaults.light),
            ...tokenClasses('d', token.variants.dark, defaults.dark),
          ];
          const content = { type: 'text' as const, value: token.content };
          children.push(
            classes.length === 0 ? content : { type: 'element', tagName: 'span', properties: { className: classes }, children: [content] },
          );
        }
      });
      return children;
    },
  };
}

function normalize(color: string | undefined): string | undefined {
  return color?.replace(/^#/, '').toLowerCase();
}

function tokenClasses(
  prefix: 'l' | 'd',
  style: { color?: string | undefined; fontStyle?: number | undefined } | undefined,
  defaultColor: string | undefined,
): string[] {
  if (!style) return [];
  const classes: string[] = [];
  const color = normalize(style.color);
  if (color && color !== defaultColor && /^[0-9a-f]{3,8}$/.test(color)) classes.push(`kg-${prefix}-${color}`);
  for (const [bit, suffix] of FONT_STYLE_CLASSES) if (((style.fontStyle ?? 0) & bit) !== 0) classes.push(`kg-${prefix}-${suffix}`);
  return classes;
}

/** Every foreground colour a theme can give a token. */
function themeColors(theme: ThemeRegistrationResolved): string[] {
  const colors = new Set<string>();
  for (const rule of theme.settings) {
    const color = normalize(rule.settings.foreground);
    if (color && /^[0-9a-f]{3,8}$/.test(color)) colors.add(color);
  }
  return [...colors].sort();
}

/**
 * The code block backgrounds of the two schemes (`--kg-code-bg` in src/styles/tokens.css). Theme
 * colours are adjusted against them so every token reads at WCAG AA contrast (4.5:1): GitHub's
 * themes were made for white and near-black, and a few of their greys and reds fall short on ours.
 */
const CODE_BACKGROUNDS = { l: 'f3f2ee', d: '1d2024' } as const;
const MIN_CONTRAST = 4.6;

function channels(hex: string): [number, number, number] {
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex.slice(0, 6);
  return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const linear = (value: number) => {
    const v = value / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** The colour itself when it reads well enough; else mixed towards black (light) or white (dark). */
export function readableOn(hex: string, scheme: 'l' | 'd'): string {
  const background = channels(CODE_BACKGROUNDS[scheme]);
  let color = channels(hex);
  const target = scheme === 'l' ? 0 : 255;
  for (let step = 0; step < 40 && contrast(color, background) < MIN_CONTRAST; step++) {
    color = color.map((value) => Math.round(value + (target - value) * 0.06)) as [number, number, number];
  }
  return color.map((value) => value.toString(16).padStart(2, '0')).join('');
}

/** The stylesheet for every class `highlight` can produce (see src/styles/code-theme.css). */
export async function codeThemeCss(): Promise<string> {
  const highlighter = await sharedHighlighter();
  const lightTheme = highlighter.getTheme(CODE_THEMES.light);
  const darkTheme = highlighter.getTheme(CODE_THEMES.dark);
  const rules = (prefix: 'l' | 'd', theme: ThemeRegistrationResolved, scope: string) => [
    `${scope}.kg-code { color: #${readableOn(normalize(theme.fg) ?? '', prefix)}; }`,
    ...themeColors(theme).map((color) => `${scope}.kg-code .kg-${prefix}-${color} { color: #${readableOn(color, prefix)}; }`),
    `${scope}.kg-code .kg-${prefix}-i { font-style: italic; }`,
    `${scope}.kg-code .kg-${prefix}-b { font-weight: bold; }`,
    `${scope}.kg-code .kg-${prefix}-u { text-decoration: underline; }`,
  ];
  // Dark when the system is dark (unless the page says data-theme="light" on <html>), or when the
  // page says data-theme="dark". A token without a dark colour class has the dark default colour.
  const dark = (scope: string, indent: string) =>
    [
      `${scope}.kg-code [class*="kg-l-"] { color: inherit; font-style: inherit; font-weight: inherit; text-decoration: inherit; }`,
      ...rules('d', darkTheme, scope),
    ].map((rule) => indent + rule);
  return [
    `/* Generated by \`npm run generate:code-theme\` from Shiki's ${CODE_THEMES.light} and ${CODE_THEMES.dark} themes: do not edit. */`,
    `/* Token classes: kg-l-* apply in the light scheme, kg-d-* in the dark one (src/core/render/highlight-code.ts). */`,
    ...rules('l', lightTheme, ''),
    '',
    '@media (prefers-color-scheme: dark) {',
    ...dark(":root:not([data-theme='light']) ", '  '),
    '}',
    '',
    ...dark(":root[data-theme='dark'] ", ''),
    '',
  ].join('\n');
}
