import { describe, expect, it } from 'vitest';
import { GardenConfigError, resolveGardenConfig } from '../../src/core/config/config.ts';
import { brandStylesheet } from '../../src/site/brand.ts';
import { topBy } from '../../src/site/home.ts';
import { formatDate, readingMinutes } from '../../src/site/meta.ts';

const brand = (options: object) => resolveGardenConfig({ brand: options }, {}).brand;

describe("the garden's name", () => {
  it('comes from GARDEN_TITLE and GARDEN_DESCRIPTION before the options, like GARDEN_CONTENT', () => {
    const options = { title: 'Acme garden', description: 'What Acme knows.' };
    expect(resolveGardenConfig(options, {})).toMatchObject(options);
    expect(resolveGardenConfig(options, { GARDEN_TITLE: ' Acme handbook ', GARDEN_DESCRIPTION: 'How Acme works.' })).toMatchObject({
      title: 'Acme handbook',
      description: 'How Acme works.',
    });
    // An empty variable (a CI template that left it blank) changes nothing.
    expect(resolveGardenConfig(options, { GARDEN_TITLE: '', GARDEN_DESCRIPTION: '  ' })).toMatchObject(options);
    expect(resolveGardenConfig({}, {}).title).toBe('Knowledge Garden');
  });
});

describe('brand options', () => {
  it('become custom properties for both themes', () => {
    const css = brandStylesheet(brand({ accent: '#0b5cad', accentDark: 'oklch(75% 0.1 250)', font: '"Inter", system-ui, sans-serif' }));
    expect(css).toContain(
      ':root {\n  --kg-accent-light: #0b5cad;\n  --kg-accent-dark: oklch(75% 0.1 250);\n  --kg-font-body: "Inter", system-ui, sans-serif;\n}',
    );
  });

  it('use the light accent in the dark theme when no dark one is given', () => {
    expect(brandStylesheet(brand({ accent: 'teal' }))).toContain('--kg-accent-light: teal;\n  --kg-accent-dark: teal;');
    expect(brandStylesheet(brand({ accentDark: 'teal' }))).not.toContain('--kg-accent-light');
  });

  it('generate nothing but a comment when the garden is not branded', () => {
    expect(brandStylesheet(brand({}))).toBe('/* Generated from `brand` in the garden options (docs/configuration.md, "Branding"). */\n');
  });

  it('refuse values that could break out of the stylesheet, saying how to write them', () => {
    for (const accent of ['red; } body { display: none', 'red /* x */', '</style>', 'url(\\61)']) {
      expect(() => brand({ accent }), accent).toThrow(GardenConfigError);
    }
    expect(() => brand({ accent: 'red;' })).toThrow(/brand\.accent: `brand\.accent` must be a single CSS value/);
  });

  it('take a logo from public/ or an https URL only', () => {
    expect(brand({ logo: '/logo.svg' }).logo).toBe('/logo.svg');
    expect(brand({ logo: 'https://cdn.example.com/logo.svg' }).logo).toBe('https://cdn.example.com/logo.svg');
    for (const logo of ['javascript:alert(1)', 'logo.svg', '//evil.example/x.svg']) {
      expect(() => brand({ logo }), logo).toThrow(/brand\.logo/);
    }
  });

  it('reject unknown brand and explorer keys by name', () => {
    expect(() => brand({ colour: 'red' })).toThrow(/unknown option\(s\) `colour`/);
    expect(() => resolveGardenConfig({ explorer: { sort: 'name' } } as never, {})).toThrow(/unknown option\(s\) `sort`/);
  });

  it('normalise explorer paths like the rest of the options', () => {
    expect(resolveGardenConfig({ explorer: { order: ['./Guides/', 'FAQ'] } }, {}).explorer).toEqual({
      order: ['Guides', 'FAQ'],
      foldersFirst: true,
    });
  });
});

describe('home page rankings', () => {
  it('keep the first n by a comparison without sorting everything', () => {
    const numbers = [5, 3, 9, 1, 7, 9, 2, 8];
    expect(topBy(numbers, 3, (a, b) => b - a)).toEqual([9, 9, 8]);
    expect(topBy(numbers, 3, (a, b) => a - b)).toEqual([1, 2, 3]);
    expect(topBy(numbers, 20, (a, b) => a - b)).toEqual([1, 2, 3, 5, 7, 8, 9, 9]);
    expect(topBy([], 3, (a: number, b: number) => a - b)).toEqual([]);
  });
});

describe('note metadata', () => {
  it('estimates reading time in whole minutes, at least one', () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(220)).toBe(1);
    expect(readingMinutes(2200)).toBe(10);
  });

  it('formats dates for people, whatever the time zone', () => {
    expect(formatDate('2024-05-31')).toBe('May 31, 2024');
    expect(formatDate('2024-01-01T00:30:00+02:00')).toBe('Dec 31, 2023');
    expect(formatDate('not a date')).toBe('not a date');
  });
});
