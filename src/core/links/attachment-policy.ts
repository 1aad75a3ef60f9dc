/**
 * Which attachments the garden publishes. A file copied into the site is served from the site's
 * own origin, so anything a browser would run there (HTML, XHTML, XML, JavaScript, CSS, WebAssembly,
 * Flash, web app manifests) could take over the site for every reader, whatever the
 * Content-Security-Policy of the pages says: a linked `.html` runs its script, and a `.js` next to
 * it registers a service worker that answers every later page load. And static hosts read some
 * files as their configuration (`CNAME`, `_headers`, `vercel.json`…).
 *
 * So only passive types are published: an allow-list of what browsers show or download but never
 * run. SVG is a document that can hold script: it is published only sanitized (svg.ts). The list is
 * documented in docs/security.md; add a type there and here together, with the reason it is passive.
 */

export type AttachmentKind = 'image' | 'pdf' | 'audio' | 'video' | 'text' | 'data' | 'document' | 'archive';

/** Published as they are: browsers show them in their own viewers, or download them. */
export const PASSIVE_EXTENSIONS: Readonly<Record<string, AttachmentKind>> = {
  ...kind('image', ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp', 'ico', 'tif', 'tiff', 'heic']),
  ...kind('pdf', ['pdf']),
  ...kind('audio', ['mp3', 'wav', 'm4a', 'ogg', 'oga', 'opus', 'flac', 'aac']),
  ...kind('video', ['mp4', 'webm', 'ogv', 'mov', 'm4v', 'mkv']),
  ...kind('text', ['txt', 'log']),
  ...kind('data', ['csv', 'tsv', 'json', 'geojson', 'yaml', 'yml', 'toml', 'ics', 'vcf', 'excalidraw', 'canvas']),
  ...kind('document', ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'rtf', 'epub', 'key', 'numbers', 'pages']),
  ...kind('archive', ['zip', 'gz', 'tgz', 'tar', 'bz2', 'xz', '7z']),
};

function kind(name: AttachmentKind, extensions: string[]): Record<string, AttachmentKind> {
  return Object.fromEntries(extensions.map((extension) => [extension, name]));
}

/**
 * Files that static hosts (GitHub Pages, Netlify, Vercel, Cloudflare Pages, Azure Static Web Apps,
 * Firebase) read as their own configuration: custom domain, headers, redirects, functions. Refused
 * under any name case and in any folder, whatever their extension.
 */
export const HOST_CONFIGURATION_FILES: ReadonlySet<string> = new Set([
  'cname',
  '_headers',
  '_redirects',
  '_routes.json',
  '_config.yml',
  '.nojekyll',
  '.htaccess',
  'web.config',
  'vercel.json',
  'now.json',
  'netlify.toml',
  'staticwebapp.config.json',
  'routes.json',
  'firebase.json',
  'manifest.json',
  'manifest.webmanifest',
  'site.webmanifest',
  'browserconfig.xml',
]);

export type AttachmentPolicy = { publish: 'copy'; kind: AttachmentKind } | { publish: 'sanitize-svg' } | { publish: false; reason: string };

/** What happens to an attachment, from its file name. */
export function attachmentPolicy(path: string): AttachmentPolicy {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (HOST_CONFIGURATION_FILES.has(name.toLowerCase())) {
    return { publish: false, reason: `\`${name}\` is a file that static hosts read as their configuration` };
  }
  if (path.split('/').some((segment) => segment.toLowerCase() === '.well-known')) {
    return { publish: false, reason: 'files under `.well-known/` configure the site (security contacts, app links, certificates)' };
  }
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (extension === 'svg') return { publish: 'sanitize-svg' };
  const passive = PASSIVE_EXTENSIONS[extension];
  if (passive) return { publish: 'copy', kind: passive };
  if (extension === '') return { publish: false, reason: 'a file without an extension could be served as anything' };
  return {
    publish: false,
    reason: `\`.${extension}\` files are not on the list of passive types (${ACTIVE_TYPES[extension] ?? 'a browser may run it, or the host may read it'})`,
  };
}

/** Why the most common refused types are refused, for the message. */
const ACTIVE_TYPES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['html', 'htm', 'xhtml', 'xht', 'shtml', 'mhtml', 'mht'].map((extension) => [
      extension,
      "a page with its own scripts, at the site's address",
    ]),
  ),
  ...Object.fromEntries(
    ['xml', 'xsl', 'xslt', 'rss', 'atom'].map((extension) => [
      extension,
      'an XML document, which can carry scripts or stylesheets that run',
    ]),
  ),
  ...Object.fromEntries(
    ['js', 'mjs', 'cjs', 'jsx', 'ts'].map((extension) => [
      extension,
      "a script, which a page or a service worker would run at the site's address",
    ]),
  ),
  css: "a stylesheet, which can restyle the site's own pages",
  wasm: 'WebAssembly code',
  swf: 'a Flash program',
  webmanifest: 'a web app manifest',
  svgz: 'a compressed SVG, which cannot be sanitized',
  appcache: 'an application cache manifest',
};
