import { buildSite } from '../tests/support/build-site.ts';
const content = process.argv[2]!;
const [a, b] = [await buildSite(content), await buildSite(content)];
console.log(a.dist, b.dist);
