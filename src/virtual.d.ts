/// <reference types="vite/client" />
// Browser code reads `import.meta.env` (Vite); the reference above types it for `tsc` too.

/** The brand stylesheet module served by the integration's Vite plugin (src/astro/brand.ts). */
declare module 'virtual:knowledge-garden/brand' {}

/** A script emitted as a file of its own (never inlined), imported for its URL. */
declare module '*.js?url&no-inline' {
  const url: string;
  export default url;
}
