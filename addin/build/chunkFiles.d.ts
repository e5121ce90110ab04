import type { Compilation } from 'webpack';

export declare function chunkFiles(
  compilation: Compilation,
  names: string[],
): { files: string[]; missing: string[] };
