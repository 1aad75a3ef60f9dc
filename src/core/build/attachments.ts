import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { GardenConfig } from '../config/config.ts';
import type { Diagnostic } from '../common/diagnostics.ts';
import type { GardenIndex } from '../index/types.ts';
import { shortenedNameWarning } from '../links/name-length.ts';
import { listPublicFiles, ReservedOutputPaths } from '../links/reserved.ts';
import { slugForAttachmentPath } from '../links/slug.ts';
import type { ContentPath } from '../common/types.ts';
import { attachmentPolicy } from '../links/attachment-policy.ts';
import type { RefusedSvg, SanitizedSvg } from '../render/svg.ts';

/**
 * Which linked files are published, and how (docs/security.md, "Reserved paths" and "Attachments"):
 * only passive types (policy.ts), SVG only sanitized (svg.ts), and never at a path the build
 * writes itself (output/reserved.ts). Decided once when the garden is loaded, so that the check,
 * the build, the dev server and the rendered pages agree: a refused file is reported at every link
 * to it, is not copied, and its links are shown as plain text.
 */

export interface PublishedAttachment {
  path: ContentPath;
  /** Where it is written, relative to the site's base (its URL path). */
  output: string;
  /** For an SVG: the sanitized text, which is published instead of the file's bytes. */
  sanitized?: string;
}

export interface AttachmentPlan {
  /** What is published, by content path: the only files copied into the site. */
  published: Map<ContentPath, PublishedAttachment>;
  diagnostics: Diagnostic[];
}

interface Refusal {
  rule: 'unsafe-attachment' | 'reserved-output-path';
  reason: string;
  hint: string;
}

/** `O_NOFOLLOW`: a file swapped for a symbolic link since the scan is not read. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0);

/**
 * Decides every attachment that a note links to or embeds (drafts too: the check is strict, and a
 * draft is published one day). `index.attachmentsUsed` keeps only the published ones.
 */
export async function planAttachments(index: GardenIndex, config: Pick<GardenConfig, 'contentDir' | 'publicDir'>): Promise<AttachmentPlan> {
  const reserved = new ReservedOutputPaths(await listPublicFiles(config.publicDir));
  const diagnostics: Diagnostic[] = [];
  const published = new Map<ContentPath, PublishedAttachment>();
  const refused = new Map<ContentPath, Refusal>();

  for (const file of linkedAttachments(index)) {
    const output = slugForAttachmentPath(file);
    const decision = await decide(file, output, reserved, config.contentDir);
    if ('rule' in decision) {
      refused.set(file, decision);
      continue;
    }
    if (decision.removed.length > 0) {
      diagnostics.push({
        file,
        severity: 'warning',
        rule: 'svg-sanitized',
        message: `This SVG is published without what could run or load something when it is opened: ${decision.removed.slice(0, 5).join(', ')}${decision.removed.length > 5 ? `, and ${decision.removed.length - 5} more` : ''}.`,
        hint: 'Check that the picture still looks right; export it from your editor as plain SVG, without scripts, links or embedded HTML.',
      });
    }
    const shortened = shortenedNameWarning(file, 'published file', unfittedOutput(file), output);
    if (shortened) diagnostics.push(shortened);
    published.set(file, { path: file, output, ...(decision.sanitized === undefined ? {} : { sanitized: decision.sanitized }) });
  }

  for (const [note, links] of index.outgoing) {
    for (const link of links) {
      if (link.resolution.kind !== 'attachment') continue;
      const refusal = refused.get(link.resolution.path);
      if (!refusal) continue;
      const written = link.syntax === 'wikilink' ? `[[${link.raw}]]` : `\`${link.raw}\``;
      diagnostics.push({
        file: note,
        at: link.at,
        severity: 'error',
        rule: refusal.rule,
        message: `${written} points at ${link.resolution.path}, which is not published: ${refusal.reason}. The link is shown as plain text.`,
        hint: refusal.hint,
      });
    }
  }
  for (const file of refused.keys()) index.attachmentsUsed.delete(file);
  return { published, diagnostics };
}

/** Every attachment some note links to or embeds, in path order. */
function linkedAttachments(index: GardenIndex): ContentPath[] {
  const files = new Set<ContentPath>();
  for (const links of index.outgoing.values()) {
    for (const link of links) if (link.resolution.kind === 'attachment') files.add(link.resolution.path);
  }
  return [...files].sort();
}

async function decide(
  file: ContentPath,
  output: string,
  reserved: ReservedOutputPaths,
  contentDir: string,
): Promise<Refusal | { removed: string[]; sanitized?: string }> {
  const policy = attachmentPolicy(file);
  if (policy.publish === false) {
    return {
      rule: 'unsafe-attachment',
      reason: policy.reason,
      hint: 'Only passive files are published (pictures, PDF, audio, video, text and data, documents, archives): see docs/security.md. Share anything else elsewhere and link to its https:// address.',
    };
  }
  const owner = reserved.owner(output);
  if (owner !== undefined) {
    return {
      rule: 'reserved-output-path',
      reason: `its address /${output} belongs to ${owner}, and no file from the content folder may replace what the build writes`,
      hint: 'Rename the file or move it into a folder (for example `media/`).',
    };
  }
  if (policy.publish !== 'sanitize-svg') return { removed: [] };
  const result = await sanitizedSvg(path.join(contentDir, ...file.split('/')));
  if ('refused' in result) {
    return {
      rule: 'unsafe-attachment',
      reason: `SVG files are published only sanitized, and ${result.refused}`,
      hint: 'Export the picture again as plain SVG, or as PNG.',
    };
  }
  return { removed: result.removed, sanitized: result.text };
}

/**
 * Sanitized SVGs by file, size and modification time: the dev server decides again after every
 * edit, and sanitizing (with a DOM) takes tens of milliseconds a file. The sanitizer and its DOM are
 * loaded only for a garden that has SVGs.
 */
const svgCache = new Map<string, { key: string; result: SanitizedSvg | RefusedSvg }>();

async function sanitizedSvg(file: string): Promise<SanitizedSvg | RefusedSvg> {
  const handle = await fs.open(file, OPEN_FLAGS);
  try {
    const { size, mtimeMs } = await handle.stat();
    const key = `${size}:${mtimeMs}`;
    const cached = svgCache.get(file);
    if (cached?.key === key) return cached.result;
    const { sanitizeSvg } = await import('../render/svg.ts');
    const result = sanitizeSvg(await handle.readFile('utf8'));
    svgCache.set(file, { key, result });
    return result;
  } finally {
    await handle.close();
  }
}

/** An attachment's output path before it is fitted to the file system's lengths. */
function unfittedOutput(file: ContentPath): string {
  return slugForAttachmentPath(file, { fit: false });
}
