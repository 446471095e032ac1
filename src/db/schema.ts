// Every table of SIPAP, for Drizzle and drizzle-kit. Modules own their tables; this file only gathers them.

export { initialCredentials, loginThrottle, passwords, sessions } from "../modules/auth/auth.table.ts";
export { printBatchCards, printBatches } from "../modules/batches/batches.table.ts";
export { campaignReminders, campaigns, listSubmissions } from "../modules/campaigns/campaigns.table.ts";
export { cards } from "../modules/cards/cards.table.ts";
export { dependencias } from "../modules/dependencias/dependencias.table.ts";
export { cardDesigns } from "../modules/designs/designs.table.ts";
export { outbox } from "../modules/mail/mail.table.ts";
export { people, personMoves, personRoles } from "../modules/people/people.table.ts";
export { photos } from "../modules/photos/photos.table.ts";
export { rejectionReasons } from "../modules/review/review.table.ts";
export { signingKeys } from "../modules/verification/verification.table.ts";
export { auditLog } from "../shared/audit.table.ts";
export { stateTransitions } from "../shared/transitions.table.ts";

/** Tables whose `id` is an identity column: restore moves their sequences past the restored ids. */
export const tablesWithIdentity = ["state_transitions", "audit_log"] as const;

/** Tables in foreign-key order, for backup and restore. */
export const tablesInDependencyOrder = [
  "dependencias",
  "people",
  "person_roles",
  "person_moves",
  "passwords",
  "initial_credentials",
  "sessions",
  "login_throttle",
  "cards",
  "photos",
  "print_batches",
  "print_batch_cards",
  "card_designs",
  "rejection_reasons",
  "signing_keys",
  "campaigns",
  "list_submissions",
  "campaign_reminders",
  "state_transitions",
  "outbox",
  "audit_log",
] as const;
