/// <reference types="astro/client" />

// flexsearch's compact build (Index, Document, Encoder, Charset), reached through a Vite alias in astro.config.mjs
// because the package's exports map blocks deep imports. It has the same API as the full build.
declare module 'flexsearch-compact' {
  export { Charset, Document, Encoder, Index } from 'flexsearch';
}
