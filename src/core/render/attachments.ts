import type { Image, Link, PhrasingContent } from 'mdast';
import type { ContentPath } from '../common/types.ts';
import type { RenderContext } from './context.ts';
import { element, markRendered, text, withProperties } from './element.ts';

/**
 * How an embedded file is shown, by its extension, as in Obsidian: images as `<img>`, PDFs in a
 * frame, audio and video in the browser's own players, anything else as a link to the file. Every
 * form has a plain link to the file as its fallback. The result is inline content (it may stand in
 * a sentence or a table cell) and is already final (`gardenRendered`).
 */
const KINDS: [RegExp, 'image' | 'pdf' | 'audio' | 'video'][] = [
  [/\.(png|jpe?g|gif|webp|avif|svg|bmp|ico)$/i, 'image'],
  [/\.pdf$/i, 'pdf'],
  [/\.(mp3|wav|m4a|ogg|oga|flac|aac|3gp)$/i, 'audio'],
  [/\.(mp4|webm|ogv|mov|mkv|m4v)$/i, 'video'],
];

export function attachmentKind(path: string): 'image' | 'pdf' | 'audio' | 'video' | 'file' {
  return KINDS.find(([pattern]) => pattern.test(path))?.[1] ?? 'file';
}

/** What `|…` after an embed says: `|300`, `|300x200`, `|alt text`, or `|alt text|300`. */
export interface EmbedOptions {
  alt?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
  /** After `#`: a PDF's `page=3`, or a media fragment such as `t=30`. */
  fragment?: string | undefined;
}

const SIZE = /^\s*(\d{1,5})(?:\s*x\s*(\d{1,5}))?\s*$/;

export function parseEmbedLabel(label: string | undefined): Pick<EmbedOptions, 'alt' | 'width' | 'height'> {
  if (label === undefined) return {};
  const parts = label.split('|');
  const size = SIZE.exec(parts.at(-1) ?? '');
  if (size) parts.pop();
  const alt = parts.join('|').trim();
  return { alt: alt === '' ? undefined : alt, width: size ? Number(size[1]) : undefined, height: size?.[2] ? Number(size[2]) : undefined };
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function withoutExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function fileLink(url: string, label: string): Link {
  return withProperties({ type: 'link', url, children: [text(label)] }, { className: ['attachment'] });
}

/** The element that shows an attachment in place. */
export function renderAttachment(path: ContentPath, options: EmbedOptions, context: RenderContext): PhrasingContent {
  const url = context.urls.attachment(path);
  const name = fileName(path);
  const size = { ...(options.width ? { width: options.width } : {}), ...(options.height ? { height: options.height } : {}) };
  const withFragment = options.fragment ? `${url}#${encodeURI(options.fragment)}` : url;
  switch (attachmentKind(path)) {
    case 'image': {
      const image: Image = { type: 'image', url, alt: options.alt ?? withoutExtension(name) };
      return markRendered(withProperties(image, { ...size, loading: 'lazy', decoding: 'async' }));
    }
    case 'pdf':
      return markRendered(
        element('span', { className: ['kg-embed-file', 'kg-embed-pdf'] }, [
          element('iframe', { src: withFragment, title: options.alt ?? name, loading: 'lazy', ...size }),
          fileLink(url, name),
        ]),
      );
    case 'audio':
      return markRendered(
        element(
          'audio',
          { src: withFragment, controls: true, preload: 'metadata', className: ['kg-embed-audio'], title: options.alt ?? name },
          [fileLink(url, name)],
        ),
      );
    case 'video':
      return markRendered(
        element(
          'video',
          { src: withFragment, controls: true, preload: 'metadata', className: ['kg-embed-video'], title: options.alt ?? name, ...size },
          [fileLink(url, name)],
        ),
      );
    default:
      return markRendered(fileLink(url, options.alt ?? name));
  }
}

/** A file that is not in the garden: its description, visibly marked, instead of a broken image. */
export function renderMissingAttachment(name: string, label: string, context: RenderContext): PhrasingContent {
  const link: Link = { type: 'link', url: context.urls.wanted(fileName(name)), children: [text(label)] };
  return markRendered(withProperties(link, { className: ['wanted', 'missing-attachment'], title: `The file “${name}” is missing` }));
}
