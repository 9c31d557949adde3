/**
 * How the related papers made by the search worker reach the pages. Relating every paper to every other is the one
 * part of loading the site that takes seconds (3 s at 20,000 papers, 16 s at 100,000), and it is not needed until the
 * paper pages: the worker, which reads the same papers on the second core, makes them first and the search index
 * after. The search-index integration offers the promise of them here when the build starts; the pages
 * (src/data/site.ts) await it. Astro renders the pages in the process that runs the integrations, so a registered
 * symbol on the global object is seen by both, whichever copy of this module each has loaded. Where nothing is
 * offered (`astro dev`, or a build without the integration) the pages make the related papers themselves, the same way.
 */
import type { Related } from '../lib/site/related';

export type RelatedOffer = Promise<Map<string, Related[]>>;

const KEY = Symbol.for('papers-digest:related');

type Holder = { [KEY]?: RelatedOffer };

/** Offers the build's related papers to the pages; `undefined` withdraws the offer once the build is done. */
export function offerRelated(offer: RelatedOffer | undefined): void {
  if (offer) (globalThis as Holder)[KEY] = offer;
  else delete (globalThis as Holder)[KEY];
}

/** The related papers the build offers, if it does. */
export function offeredRelated(): RelatedOffer | undefined {
  return (globalThis as Holder)[KEY];
}
