// The schemas the pane's API client checks answers against, with zod, in a chunk of their own
// (contractLoader.ts): ~15 KB of gzip with zod/mini, which the first render does not wait for. Every answer is still validated
// before anything uses it.
import '../zodConfig.js';
import { z } from 'zod/mini';

export {
  ClientConfig,
  ContactCard,
  DevToken,
  InteractionDetail,
  InteractionPage,
  InteractionSummary,
  LogEmailResponse,
  LoggedMail,
  LookupResponse,
  Me,
  Opportunity,
  Problem,
} from '../../shared/api/index.js';

/** A download's answer: its bytes. */
export const FileBody = z.instanceof(Blob);
/** 204: nothing. */
export const NoContent = z.undefined();
