import type { APIRoute } from 'astro';
import { sitemapFiles } from '../site/flow.ts';

/** The sitemap: notes and folder pages (never redirects), or the index of its parts in a huge garden. */
export const GET: APIRoute = ({ site }) =>
  new Response(sitemapFiles(site).index, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
