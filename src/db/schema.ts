// Every table of SIPAP, for Drizzle and drizzle-kit. Modules own their tables; this file only gathers them.

export { printBatchCards, printBatches } from "../carnetizacion/batches/batches.table.ts";
export { campaignReminders, campaigns, listSubmissions } from "../carnetizacion/campaigns/campaigns.table.ts";
export { cards } from "../carnetizacion/cards/cards.table.ts";
export { cardDesigns } from "../carnetizacion/designs/designs.table.ts";
export { photos } from "../carnetizacion/photos/photos.table.ts";
export { rejectionReasons } from "../carnetizacion/review/review.table.ts";
export { signingKeys } from "../carnetizacion/verification/verification.table.ts";
export { initialCredentials, loginThrottle, passwords, sessions } from "../core/auth/auth.table.ts";
export { dependencias } from "../core/dependencias/dependencias.table.ts";
export { outbox } from "../core/mail/mail.table.ts";
export { people, personMoves, personRoles } from "../core/people/people.table.ts";
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
