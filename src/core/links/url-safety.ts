import { defaultSchema, type Schema } from 'hast-util-sanitize';

/**
 * The schemes an address may have, by attribute: GitHub's (hast-util-sanitize's default) plus
 * `tel:` links. The sanitizer's schema (src/core/render/rehype/sanitize-schema.ts) keeps exactly
 * these, and the index reports every other one (`removedScheme`).
 */
export const SAFE_PROTOCOLS: NonNullable<Schema['protocols']> = {
  ...defaultSchema.protocols,
  href: [...(defaultSchema.protocols?.href ?? []), 'tel'],
};

/**
 * The scheme of an address that the sanitizer (rehype-sanitize with sanitize-schema.ts) will remove
 * from a link (`href`) or an image or media source (`src`), or `undefined` when it keeps it. The
 * same test as hast-util-sanitize's: a colon before any `/`, `?` or `#` starts a scheme, and only the
 * schema's schemes are kept, exactly as written. This lets `garden check` report what the page loses.
 */
export function removedScheme(url: string, attribute: 'href' | 'src'): string | undefined {
  const protocols = SAFE_PROTOCOLS[attribute] ?? [];
  const colon = url.indexOf(':');
  if (colon < 0) return undefined;
  for (const stop of ['/', '?', '#']) {
    const at = url.indexOf(stop);
    if (at > -1 && colon > at) return undefined;
  }
  const scheme = url.slice(0, colon);
  return protocols.includes(scheme) ? undefined : scheme;
}

/**
 * Schemes that run code or carry a whole document inside the address, read as a browser reads them
 * (case, spaces and tabs ignored): returns the scheme (`javascript`), or `undefined` for others.
 */
export function isDangerousScheme(scheme: string): 'javascript' | 'vbscript' | 'data' | undefined {
  const normalized = scheme.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return normalized === 'javascript' || normalized === 'vbscript' || normalized === 'data' ? normalized : undefined;
}
