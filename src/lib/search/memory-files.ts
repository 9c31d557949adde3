/** The search files from memory, inflated with zlib: how tests and the benchmark read a build's search index in Node. */
import { gunzipSync, inflateRawSync } from 'node:zlib';
import type { SearchFiles } from './engine';

/** Every request, as a host would see it: the file, and the byte range when only part was asked for. */
export interface FileRequest {
  name: string;
  range?: [number, number];
}

export function memoryFiles(files: ReadonlyMap<string, Uint8Array>, requests: FileRequest[] = []): SearchFiles {
  const get = (name: string) => {
    const bytes = files.get(name);
    if (!bytes) return Promise.reject(new Error(`search-index/${name}: 404`));
    return Promise.resolve(bytes);
  };
  return {
    file: (name) => {
      requests.push({ name });
      return get(name);
    },
    range: async (name, start, end) => {
      requests.push({ name, range: [start, end] });
      return (await get(name)).subarray(start, end);
    },
    inflate: (bytes, format) => Promise.resolve(format === 'gzip' ? gunzipSync(bytes) : inflateRawSync(bytes)),
  };
}
