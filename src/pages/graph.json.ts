import type { APIRoute } from 'astro';
import { buildGraphJson } from '../garden/graph-json.ts';
import { siteState } from '../site/store.ts';

export const GET: APIRoute = () => {
  const { garden } = siteState();
  return new Response(JSON.stringify(buildGraphJson(garden)), { headers: { 'Content-Type': 'application/json' } });
};
