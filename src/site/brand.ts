import type { BrandOptions } from '../garden/config.ts';

/**
 * The stylesheet that applies `brand` from the garden options: it only sets the custom properties
 * that `src/styles/tokens.css` defines, so a brand changes colours and fonts without touching a rule.
 * The values were validated by the config schema (no `;`, braces or comments can get through).
 */
export function brandStylesheet(brand: BrandOptions): string {
  const light: string[] = [];
  const dark: string[] = [];
  if (brand.accent) light.push(`--kg-accent: ${brand.accent};`);
  if (brand.accentDark ?? brand.accent) dark.push(`--kg-accent: ${brand.accentDark ?? brand.accent};`);
  if (brand.font) light.push(`--kg-font-body: ${brand.font};`);
  if (brand.headingFont) light.push(`--kg-font-heading: ${brand.headingFont};`);
  if (brand.monoFont) light.push(`--kg-font-mono: ${brand.monoFont};`);
  const rules = ['/* Generated from `brand` in the garden options (README: "Branding"). */'];
  if (light.length > 0) rules.push(`:root {\n  ${light.join('\n  ')}\n}`);
  if (dark.length > 0) {
    // The same selectors as tokens.css uses for the dark theme, so the brand wins in both.
    rules.push(`:root[data-theme='dark'] {\n  ${dark.join('\n  ')}\n}`);
    rules.push(`@media (prefers-color-scheme: dark) {\n  :root:not([data-theme]) {\n    ${dark.join('\n    ')}\n  }\n}`);
  }
  return `${rules.join('\n')}\n`;
}
