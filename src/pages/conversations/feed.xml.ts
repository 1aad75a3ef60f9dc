import type { APIRoute } from 'astro';
import { conversationsFeedXml } from '../../site/conversations.ts';

/** The open questions as an Atom feed (see src/core/flow/questions-feed.ts). */
export const GET: APIRoute = ({ site }) =>
  new Response(conversationsFeedXml(site), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
