// Panels that areas add to staff's page of a person (carnetización: «Foto y carnet», with the form to take
// the photo at the office). Core owns the page and its address; src/areas.ts registers the panels
// (docs/ARCHITECTURE.md, "Areas and core").
import type { Child } from "hono/jsx";
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import type { Storage } from "../storage/storage.types.ts";
import type { Person } from "./people.table.ts";

export interface PanelSubmission {
  db: Db;
  storage: Storage;
  at: Date;
  audit: AuditContext;
  actor: CurrentUser;
  person: Person;
  /** The posted form, files included. */
  body: Record<string, unknown>;
}

/** A refusal is shown inside the panel (status 422); success goes back to the page with a flash. */
export type PanelOutcome = { ok: false; error: string | undefined } | { ok: true; flash: string };

export interface PersonPanel {
  /** Names the panel's form address: POST /admin/personas/:id/<id>. */
  id: string;
  /** The panel's content for staff; `error` is its form's last refusal. */
  render(db: Db, person: Person, page: { csrfToken: string; error: string | undefined }): Promise<Child>;
  /** Handles the panel's form. */
  submit?(submission: PanelSubmission): Promise<PanelOutcome>;
}

const panels: PersonPanel[] = [];

export function registerPersonPanel(panel: PersonPanel): void {
  if (!panels.some((p) => p.id === panel.id)) panels.push(panel);
}

export const personPanels = (): readonly PersonPanel[] => panels;

export const findPersonPanel = (id: string) => panels.find((panel) => panel.id === id);
