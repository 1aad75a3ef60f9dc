import type { APIRoute, GetStaticPaths } from 'astro';
import { sitemapFiles, sitemapPartCount } from '../site/flow.ts';

/** The parts of the sitemap, only in a garden of more than 50,000 pages (see sitemap.xml.ts). */
export const getStaticPaths = (() =>
  Array.from({ length: sitemapPartCount() }, (_part, i) => ({ params: { part: String(i + 1) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  new Response(sitemapFiles(site).parts[Number(params.part) - 1] ?? '', { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
