import { describe, expect, it } from 'vitest';
import { sanitizeSvg, type SanitizedSvg } from '../../src/core/render/svg.ts';

const SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"';
const clean = (text: string): SanitizedSvg => {
  const result = sanitizeSvg(text);
  if ('refused' in result) throw new Error(result.refused);
  return result;
};

/**
 * The known ways an SVG runs script or fetches something when it is opened as a document at the
 * site's origin (OWASP's and DOMPurify's SVG vectors, and what SVG editors leave in files).
 */
const VECTORS: Record<string, string> = {
  'event handler on the root': `<svg ${SVG} onload="alert(1)"><rect width="10" height="10"/></svg>`,
  'script element': `<svg ${SVG}><script>alert(1)</script><rect width="10" height="10"/></svg>`,
  'script in CDATA': `<svg ${SVG}><script type="text/ecmascript"><![CDATA[alert(1)]]></script></svg>`,
  'script by xlink': `<svg ${SVG}><script xlink:href="https://evil.example/x.js"/></svg>`,
  'foreignObject with HTML': `<svg ${SVG}><foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/></foreignObject></svg>`,
  'javascript: link': `<svg ${SVG}><a xlink:href="javascript:alert(1)"><text x="0" y="10">click</text></a></svg>`,
  'entity-encoded javascript: link': `<svg ${SVG}><a href="&#106;avascript:alert(1)"><text>click</text></a></svg>`,
  'animate that rewrites a link': `<svg ${SVG}><a><animate attributeName="href" values="javascript:alert(1)"/><text>click</text></a></svg>`,
  'set that adds a handler': `<svg ${SVG}><rect width="10" height="10"><set attributeName="onmouseover" to="alert(1)"/></rect></svg>`,
  'use of another document': `<svg ${SVG}><use href="data:image/svg+xml;base64,PHN2ZyBpZD0ieCIgeG1sbnM9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIj48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+#x"/></svg>`,
  'external use': `<svg ${SVG}><use xlink:href="https://evil.example/sprite.svg#icon"/></svg>`,
  'external image (a tracking pixel)': `<svg ${SVG}><image href="https://evil.example/pixel.png" width="1" height="1"/></svg>`,
  'filter fetching an image': `<svg ${SVG}><filter id="f"><feImage href="https://evil.example/x.png"/></filter></svg>`,
  'style with @import': `<svg ${SVG}><style>@import url(https://evil.example/x.css); rect { fill: red }</style><rect width="10" height="10"/></svg>`,
  'style attribute with an external url()': `<svg ${SVG}><rect width="10" height="10" style="fill: url('https://evil.example/x.svg#p')"/></svg>`,
  'XSLT stylesheet': `<?xml-stylesheet type="text/xsl" href="evil.xsl"?><svg ${SVG}><rect width="10" height="10"/></svg>`,
  'SVG Tiny handler': `<svg ${SVG} xmlns:ev="http://www.w3.org/2001/xml-events"><handler ev:event="load">alert(1)</handler></svg>`,
  'HTML elements by namespace': `<svg ${SVG}><html:img xmlns:html="http://www.w3.org/1999/xhtml" src="x" onerror="alert(1)"/><html:iframe xmlns:html="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></svg>`,
  'iframe, embed and object': `<svg ${SVG}><iframe src="https://evil.example/"/><embed src="x.swf"/><object data="x.swf"/></svg>`,
};

describe('SVG attachments, sanitized', () => {
  it.each(Object.entries(VECTORS))('%s: no script, handler, foreign content or external reference survives', (_name, vector) => {
    const { text, removed } = clean(vector);
    expect(text).not.toMatch(/<script|<foreignObject|<iframe|<embed|<object|<animate|<set|<handler|<html:|xml-stylesheet|\son[a-z]+=/i);
    expect(text).not.toMatch(/javascript:|data:|https?:\/\/evil|@import/i);
    expect(removed.length).toBeGreaterThan(0);
    // What is left is still a well-formed SVG.
    expect(sanitizeSvg(text)).toMatchObject({ removed: [] });
  });

  it('keeps what drawings need: shapes, gradients, internal references, styles, text', () => {
    const drawing =
      `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n` +
      `<svg ${SVG} viewBox="0 0 100 100" width="100" height="100"><defs><linearGradient id="g"><stop offset="0" stop-color="#0b5cad"/></linearGradient>` +
      `<path id="p" d="M0 0L10 10"/></defs><style>.a { fill: url(#g) }</style><rect class="a" width="50" height="50" style="stroke: #000"/>` +
      `<use xlink:href="#p"/><text x="10" y="90" font-family="sans-serif">Café &amp; tea</text></svg>`;
    const { text, removed } = clean(drawing);
    expect(removed).toEqual([]);
    for (const kept of [
      '<linearGradient id="g">',
      'fill: url(#g)',
      'style="stroke: #000"',
      'xlink:href="#p"',
      'Café &amp; tea',
      'viewBox="0 0 100 100"',
    ])
      expect(text).toContain(kept);
    expect(text).not.toContain('DOCTYPE');
  });

  it('names what it removed, for the warning', () => {
    expect(clean(VECTORS['event handler on the root']!).removed).toEqual(['onload']);
    expect(clean(VECTORS['external image (a tracking pixel)']!).removed).toEqual(['href="https://evil.example/pixel.png"']);
  });

  it('refuses files that are not well-formed SVG', () => {
    expect(sanitizeSvg(`<svg ${SVG}><rect></svg>`)).toEqual({ refused: expect.stringContaining('not a well-formed SVG file') });
    expect(sanitizeSvg('<html><body>hello</body></html>')).toEqual({ refused: expect.stringContaining('root element is not an `<svg>`') });
    expect(sanitizeSvg('<svg><rect/></svg>')).toEqual({ refused: expect.stringContaining('SVG namespace') });
  });

  it('does not expand nested entities (no "billion laughs")', () => {
    const entities = [
      '<!ENTITY a "aaaaaaaaaa">',
      ...'bcdefg'.split('').map((name, i) => `<!ENTITY ${name} "${`&${'abcdefg'[i]};`.repeat(10)}">`),
    ].join('');
    const result = clean(`<!DOCTYPE svg [${entities}]><svg ${SVG}><text>&g;</text></svg>`);
    expect(result.text.length).toBeLessThan(1000);
  });
});

describe('SVG attachments from diagram tools', () => {
  it('keep pictures and fonts carried inside the file, and lose fonts from elsewhere', () => {
    const diagram =
      `<svg ${SVG} viewBox="0 0 10 10"><style>@import url(https://fonts.example/css?family=Code);` +
      ` @font-face { font-family: d2; src: url("data:application/font-woff;base64,d09GRg==") }</style>` +
      `<image href="data:image/svg+xml;base64,PHN2Zy8+" width="4" height="4"/><use href="data:image/svg+xml;base64,PHN2Zy8+#x"/></svg>`;
    const { text, removed } = clean(diagram);
    expect(text).toContain('url("data:application/font-woff;base64,d09GRg==")');
    expect(text).toContain('<image href="data:image/svg+xml;base64,PHN2Zy8+"');
    expect(text).not.toContain('fonts.example');
    expect(text).not.toContain('<use href="data:');
    expect(removed).toEqual(['<style> with @import or an external url()', 'href="data:image/svg+xml;base64,PHN2Zy8+#x"']);
  });
});

describe('SVG stylesheets in CDATA sections', () => {
  it('keep their rules, as text', () => {
    const { text, removed } = clean(
      `<svg ${SVG}><style type="text/css"><![CDATA[ .fill-N7 { fill: #FFFFFF; } a > b { stroke: red } ]]></style><rect class="fill-N7" width="4" height="4"/></svg>`,
    );
    expect(removed).toEqual([]);
    expect(text).toContain('<style type="text/css"> .fill-N7 { fill: #FFFFFF; } a &gt; b { stroke: red } </style>');
    expect(sanitizeSvg(text)).toMatchObject({ removed: [] });
  });
});
