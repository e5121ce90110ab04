// Loads the answer schemas (contract.ts) once. The pane's entry starts it at once, so the chunk arrives while
// Office.js starts; the first answer that needs it usually finds it there.
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
