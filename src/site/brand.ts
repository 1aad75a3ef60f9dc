import type { BrandOptions } from '../core/config/config.ts';

/**
 * The stylesheet that applies `brand` from the garden options: it only sets the custom properties
 * that `src/styles/tokens.css` defines, so a brand changes colours and fonts without touching a rule.
 * The values were validated by the config schema (no `;`, braces or comments can get through).
 */
export function brandStylesheet(brand: BrandOptions): string {
  const properties: string[] = [];
  // Each theme's accent; tokens.css combines them into --kg-accent.
  if (brand.accent) properties.push(`--kg-accent-light: ${brand.accent};`);
  if (brand.accentDark ?? brand.accent) properties.push(`--kg-accent-dark: ${brand.accentDark ?? brand.accent};`);
  if (brand.font) properties.push(`--kg-font-body: ${brand.font};`);
  if (brand.headingFont) properties.push(`--kg-font-heading: ${brand.headingFont};`);
  if (brand.monoFont) properties.push(`--kg-font-mono: ${brand.monoFont};`);
  const comment = '/* Generated from `brand` in the garden options (docs/configuration.md, "Branding"). */';
  return properties.length === 0 ? `${comment}\n` : `${comment}\n:root {\n  ${properties.join('\n  ')}\n}\n`;
}
