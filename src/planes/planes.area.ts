// Plugs planes into core's extension points: its words in the audit log and the names of its plans there.
// Called once from src/areas.ts (docs/ARCHITECTURE.md, "Areas and core").
import { registerAuditSubjects, registerAuditVocabulary } from "../core/audit/audit.service.ts";
import { FOLLOWUPS_VOCABULARY } from "./followups/followups.audit.ts";
import { INDICATORS_VOCABULARY } from "./indicators/indicators.audit.ts";
import { MONITORING_VOCABULARY } from "./monitoring/monitoring.audit.ts";
import { PLANES_VOCABULARY, planesAuditSubjects } from "./planes.audit.ts";
import { PROGRESS_VOCABULARY } from "./progress/progress.audit.ts";

export function installPlanes(): void {
  for (const vocabulary of [
    PLANES_VOCABULARY,
    PROGRESS_VOCABULARY,
    MONITORING_VOCABULARY,
    FOLLOWUPS_VOCABULARY,
    INDICATORS_VOCABULARY,
  ])
    registerAuditVocabulary(vocabulary);
  registerAuditSubjects(planesAuditSubjects);
}
