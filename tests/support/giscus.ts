/**
 * A giscus configuration for tests (through the GARDEN_GISCUS_* variables, as a deployment sets
 * it). The machine has no internet: browser tests answer requests to the host with a stand-in page.
 */
export const GISCUS = 'https://giscus.app';

export const giscusEnv = {
  GARDEN_GISCUS_REPO: 'acme/handbook',
  GARDEN_GISCUS_REPO_ID: 'R_kgDOTest1',
  GARDEN_GISCUS_CATEGORY: 'Note comments',
  GARDEN_GISCUS_CATEGORY_ID: 'DIC_kwDOTest1c',
};
