// Plugs carnetización into core's extension points: its words and records in the audit log, the card
// journey on the home page, the «Foto y carnet» panel on a person's page, its part of «Mis datos», and
// the card check after a person's data changes. Called once from src/areas.ts (docs/ARCHITECTURE.md,
// "Areas and core").
import { registerAuditSubjects, registerAuditVocabulary } from "../core/audit/audit.service.ts";
import { registerHomeJourney } from "../core/home/home.service.ts";
import { registerMyDataSection } from "../core/mydata/mydata.sections.ts";
import { registerPersonPanel } from "../core/people/people.panels.ts";
import { onPersonChanged } from "../core/people/people.service.ts";
import { refreshCardReadiness } from "./cards/cards.service.ts";
import {
  CARNETIZACION_OWNED_SUBJECTS,
  CARNETIZACION_VOCABULARY,
  carnetizacionAuditSubjects,
} from "./carnetizacion.audit.ts";
import { findCardJourney } from "./carnetizacion.journey.ts";
import { carnetizacionMyData } from "./carnetizacion.mydata.ts";
import { photoAndCardPanel } from "./carnetizacion.people.ts";

export function installCarnetizacion(): void {
  registerAuditVocabulary(CARNETIZACION_VOCABULARY);
  registerAuditSubjects(carnetizacionAuditSubjects, CARNETIZACION_OWNED_SUBJECTS);
  registerHomeJourney(findCardJourney);
  registerPersonPanel(photoAndCardPanel);
  registerMyDataSection(carnetizacionMyData);
  // Completing a person's data may be what their card request was waiting for.
  onPersonChanged(refreshCardReadiness);
}
