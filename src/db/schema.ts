// Every table of SIPAP, for Drizzle and drizzle-kit. Modules own their tables; this file only gathers them.
// Backup and restore take their list and order from these exports (db/tables.ts): exporting a table here
// is all it takes for it to be backed up.

export { printBatchCards, printBatches } from "../carnetizacion/batches/batches.table.ts";
export { campaignReminders, campaigns, listSubmissions } from "../carnetizacion/campaigns/campaigns.table.ts";
export { cards } from "../carnetizacion/cards/cards.table.ts";
export { cardDesigns } from "../carnetizacion/designs/designs.table.ts";
export { photos } from "../carnetizacion/photos/photos.table.ts";
export { rejectionReasons } from "../carnetizacion/review/review.table.ts";
export { signingKeys } from "../carnetizacion/verification/verification.table.ts";
export { commConsultations } from "../comunicaciones/consultations/consultations.table.ts";
export { documents } from "../comunicaciones/library/library.table.ts";
export { pubRequests } from "../comunicaciones/publications/publications.table.ts";
export {
  commAttachments,
  commListEntries,
  commRequestEvents,
  commRequests,
} from "../comunicaciones/requests/requests.table.ts";
export { commDeliveries } from "../comunicaciones/sending/sending.table.ts";
export { initialCredentials, loginThrottle, passwords, sessions } from "../core/auth/auth.table.ts";
export { dependencias } from "../core/dependencias/dependencias.table.ts";
export { outbox } from "../core/mail/mail.table.ts";
export { people, personMoves, personRoles } from "../core/people/people.table.ts";
export { planEvidence } from "../planes/evidence/evidence.table.ts";
export { planFollowupItems, planFollowups } from "../planes/followups/followups.table.ts";
export { planImports } from "../planes/imports/imports.table.ts";
export { planIndicatorMeasurements, planIndicators } from "../planes/indicators/indicators.table.ts";
export {
  planChanges,
  planItemPeriods,
  planItemResponsables,
  planItems,
  plans,
  planTypes,
  planVersions,
} from "../planes/plans/plans.table.ts";
export { planActivityEvents, planReminders, planReports } from "../planes/progress/progress.table.ts";
export { planAliases, planAliasTargets } from "../planes/responsables/responsables.table.ts";
export { auditLog } from "../shared/audit.table.ts";
export { rateLimits } from "../shared/rate-limit.table.ts";
export { stateTransitions } from "../shared/transitions.table.ts";
