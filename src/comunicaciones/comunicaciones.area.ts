// Plugs comunicaciones into core's extension points: its words and subjects in the audit log, its part of
// «Mis datos». Called once from src/areas.ts (docs/ARCHITECTURE.md, "Areas and core").
import { registerAuditSubjects, registerAuditVocabulary } from "../core/audit/audit.service.ts";
import { registerMyDataSection } from "../core/mydata/mydata.sections.ts";
import { COMUNICACIONES_VOCABULARY, publicationsAuditSubjects } from "./comunicaciones.audit.ts";
import { comunicacionesMyData } from "./comunicaciones.mydata.ts";

export function installComunicaciones(): void {
  registerAuditVocabulary(COMUNICACIONES_VOCABULARY);
  registerAuditSubjects(publicationsAuditSubjects);
  registerMyDataSection(comunicacionesMyData);
}
