import type { APIRoute } from 'astro';
import { feedXml } from '../site/flow.ts';

/** The recent changes as an Atom feed (see src/core/flow/feed.ts). */
export const GET: APIRoute = ({ site }) =>
  new Response(feedXml(site), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
