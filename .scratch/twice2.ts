import { buildSite } from '../tests/support/build-site.ts';
const a = await buildSite(process.argv[2]!);
const b = await buildSite(process.argv[3]!);
console.log(a.dist, b.dist);
