import { get } from 'node:http';
import { inject } from 'vitest';
import type { BuiltSite } from './build-site.ts';
import type { SharedSiteName } from './site-service.ts';

/**
 * A site that several test files read (tests/support/site-service.ts lists them), built once per
 * test run, on the first request. Read it, never change it: other files read the same folder.
 */
export function sharedSite(name: SharedSiteName): Promise<BuiltSite> {
  // Not fetch(): it gives up after 300 s without an answer, and a build waiting for others to
  // finish on a loaded machine can take longer.
  return new Promise((resolve, reject) => {
    get(`${inject('siteService')}/${encodeURIComponent(name)}`, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(body) as BuiltSite) : reject(new Error(body))));
    }).on('error', reject);
  });
}
