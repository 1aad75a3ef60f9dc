import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { asContentPath } from '../../src/core/common/types.ts';
import { contentSecurityPolicy, pageFeatures } from '../../src/site/csp.ts';

import { giscusEnv as giscus } from '../support/giscus.ts';

describe('the Content-Security-Policy', () => {
  it("allows our own scripts, Pagefind's WebAssembly and worker, and nothing inline", () => {
    const policy = contentSecurityPolicy(resolveGardenConfig({}, {}));
    expect(policy).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https:; font-src 'self'; connect-src 'self'; " +
        "media-src 'self'; frame-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'",
    );
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  });

  it('allows frames from the configured giscus host, and only from it', () => {
    expect(contentSecurityPolicy(resolveGardenConfig({}, giscus))).toContain("frame-src 'self' https://giscus.app;");
    const own = resolveGardenConfig({}, { ...giscus, GARDEN_GISCUS_HOST: 'https://comments.example.com/' });
    expect(contentSecurityPolicy(own)).toContain("frame-src 'self' https://comments.example.com;");
  });

  it('lets Mermaid style its drawings only on pages with a diagram, never with inline script', () => {
    const policy = contentSecurityPolicy(resolveGardenConfig({}, {}), ['diagrams']);
    expect(policy).toContain("style-src 'self' 'unsafe-inline';");
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  });

  it('knows a page shows a diagram from its note or from the notes it embeds, at any depth', async () => {
    const content = mkdtempSync(path.join(tmpdir(), 'garden-csp-'));
    mkdirSync(path.join(content, 'sub'));
    const files: Record<string, string> = {
      'Diagram.md': '# Diagram\n\n```Mermaid\nflowchart LR\n  A --> B\n```\n',
      'Embeds it.md': '# Embeds it\n\n![[Diagram]]\n',
      'sub/Embeds the embedder.md': '# Deeper\n\n![[Embeds it]]\n',
      'Links to it.md': '# Links\n\n[[Diagram]] and [[Loop]]\n',
      'Loop.md': '# Loop\n\n![[Loop]]\n',
    };
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(content, file), text);
    const garden = await loadGarden(resolveGardenConfig({ content }, {}));
    const features = (file: string) => pageFeatures(garden.index, garden.index.byPath.get(asContentPath(file)));
    expect(features('Diagram.md')).toEqual(['diagrams']);
    expect(features('Embeds it.md')).toEqual(['diagrams']);
    expect(features('sub/Embeds the embedder.md')).toEqual(['diagrams']);
    expect(features('Links to it.md')).toEqual([]);
    expect(features('Loop.md')).toEqual([]);
    expect(pageFeatures(garden.index, undefined)).toEqual([]);
  });
});
