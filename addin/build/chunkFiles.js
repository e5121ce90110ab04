// The script files of named chunks, each with every chunk it needs to run: what a page preloads (its template) and
// what gets V8's compile hint (compileHints.js) are the same files, decided here. Plain JavaScript because
// webpack.config.js imports it (types in chunkFiles.d.ts).

/**
 * @param {import('webpack').Compilation} compilation
 * @param {string[]} names entry points and named chunk groups (`import()` with a webpackChunkName), or named
 *   chunks (a cache group's)
 * @returns {{ files: string[], missing: string[] }} the .js files, each once, and the names that are no chunk
 */
export function chunkFiles(compilation, names) {
  const files = new Set();
  const missing = [];
  for (const name of names) {
    const group = compilation.namedChunkGroups.get(name);
    const chunks = group ? group.chunks : [compilation.namedChunks.get(name)].filter(Boolean);
    if (chunks.length === 0) missing.push(name);
    for (const chunk of chunks) for (const f of chunk.files) if (f.endsWith('.js')) files.add(f);
  }
  return { files: [...files], missing };
}
