import { createHostileGarden } from '../tests/support/hostile-garden.ts';
import { buildSite } from '../tests/support/build-site.ts';
const content = createHostileGarden();
const t = performance.now();
const site = await buildSite(content, { GARDEN_GISCUS_REPO: 'acme/handbook', GARDEN_GISCUS_REPO_ID: 'R_kgDOTest1', GARDEN_GISCUS_CATEGORY: 'Note comments', GARDEN_GISCUS_CATEGORY_ID: 'DIC_kwDOTest1c' });
console.log(site.dist, content, ((performance.now() - t) / 1000).toFixed(1), 's');
console.log(site.output.split('\n').filter((l) => /garden|error|warn/i.test(l)).slice(-12).join('\n'));
