import { encodePath, pagePath } from './page-path.ts';
import { slugForAttachmentPath, slugForNotePath, slugForSegments, slugForTag } from './slug.ts';
import { asPageUrl, type ContentPath, type PageUrl, type Slug } from '../common/types.ts';

/**
 * Every URL the garden prints is made here, so that the site's base path (for example a GitHub
 * Pages project site at `/handbook/`) is applied once and consistently.
 */
export class SiteUrls {
  readonly base: string;
  /** Each note's page address, made once: the pages of a large garden ask for some a hundred times (backlinks, explorer). */
  private readonly pages = new Map<Slug, PageUrl>();

  constructor(base = '/') {
    this.base = base.endsWith('/') ? base : `${base}/`;
  }

  page(slug: Slug, anchor?: string): PageUrl {
    let page = this.pages.get(slug);
    if (page === undefined) {
      page = asPageUrl(pagePath(this.base, slug));
      this.pages.set(slug, page);
    }
    return anchor ? asPageUrl(`${page}#${encodeURIComponent(anchor)}`) : page;
  }

  note(path: ContentPath, anchor?: string): PageUrl {
    return this.page(slugForNotePath(path), anchor);
  }

  attachment(path: ContentPath): PageUrl {
    return asPageUrl(`${this.base}${encodePath(slugForAttachmentPath(path))}`);
  }

  tag(tag: string): PageUrl {
    return asPageUrl(`${this.base}tags/${encodePath(slugForTag(tag))}/`);
  }

  tags(): PageUrl {
    return asPageUrl(`${this.base}tags/`);
  }

  /** Where a note that does not exist yet would live if created at the top of the garden. */
  wanted(name: string): PageUrl {
    const slug = slugForSegments(name.split('/'));
    return asPageUrl(`${this.base}${encodePath(slug)}/`);
  }

  /** A garden page that is not a note, such as `graph.json` or `search/`. */
  special(path: string): PageUrl {
    return asPageUrl(`${this.base}${path}`);
  }
}
