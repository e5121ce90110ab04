import type { Compiler } from 'webpack';

export declare const PRECOMPRESSED: { encoding: 'br' | 'gzip'; suffix: string }[];
export declare function compress(input: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer>;
export declare class PrecompressPlugin {
  constructor(options: { test: (assetName: string) => boolean; minRatio?: number });
  apply(compiler: Compiler): void;
}
