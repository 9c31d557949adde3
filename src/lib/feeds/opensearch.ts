import XMLBuilder from 'fast-xml-builder';

export interface OpenSearchOptions {
  shortName: string;
  description: string;
  /** Absolute URL of the search page; the query goes in `q`. */
  searchUrl: string;
  selfUrl: string;
  language: string;
}

/** An OpenSearch 1.1 description document, built (and escaped) by fast-xml-parser. */
export function openSearchDescription(o: OpenSearchOptions): string {
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({
    OpenSearchDescription: {
      '@_xmlns': 'http://a9.com/-/spec/opensearch/1.1/',
      ShortName: o.shortName.slice(0, 16),
      Description: o.description.slice(0, 1024),
      InputEncoding: 'UTF-8',
      Language: o.language,
      Url: [
        { '@_type': 'text/html', '@_method': 'get', '@_template': `${o.searchUrl}?q={searchTerms}` },
        { '@_type': 'application/opensearchdescription+xml', '@_rel': 'self', '@_template': o.selfUrl },
      ],
    },
  })}`;
}
