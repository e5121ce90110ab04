// Loads the answer schemas (contract.ts) once. taskpane.html preloads the chunk (webpack.config.js) and the pane's
// entry asks for it at once, so the first answer that needs it usually finds it there.
import type * as ContractModule from './contract.js';

export type Contract = typeof ContractModule;

let contract: Promise<Contract> | null = null;

export function loadContract(): Promise<Contract> {
  contract ??= import(/* webpackChunkName: "contract" */ './contract.js').catch((e: unknown) => {
    contract = null; // a chunk that did not arrive (offline) is asked for again by the next call
    throw e;
  });
  return contract;
}
