import type { Compiler } from 'webpack';

export declare const COMPILE_HINT: string;
export declare class CompileHintsPlugin {
  constructor(options: { chunks: string[] });
  apply(compiler: Compiler): void;
}
