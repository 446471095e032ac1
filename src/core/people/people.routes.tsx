import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { can } from "../../shared/auth/permissions.ts";
import { isRole } from "../../shared/auth/roles.ts";
import { AppError, forbidden, notFound } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { parseForm, readForm, readFormList } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { enrollPerson } from "../auth/auth.credentials.ts";
import { dependenciaOptions, findDependencia } from "../dependencias/dependencias.service.ts";
import { personEditRoutes } from "./people.edit.routes.tsx";
import { resetCredential } from "./people.edit.ts";
import { findPersonPanel, personPanels } from "./people.panels.ts";
import { PersonPage } from "./people.person.views.tsx";
import { refuseCredentialReset, refuseToManage } from "./people.rules.ts";
import { newPersonSchema, peopleQuerySchema } from "./people.schemas.ts";
import { findMoves, findPersonById, listPeople, setRoles, viewPerson } from "./people.service.ts";
import {
  CredentialIssuedPage,
  CredentialSentPage,
  LiaisonPeoplePage,
  NewPersonPage,
  PeopleListPage,
} from "./people.views.tsx";

function readQuery(c: AppContext) {
  return peopleQuerySchema.parse(c.req.query());
}

type PersonPageErrors = {
  /** A panel's refusal, shown inside that panel. */
  panel?: { id: string; message: string | undefined };
  credential?: string | undefined;
};

async function renderPerson(c: AppContext, backHref: string, errors: PersonPageErrors = {}) {
  const { database, clock } = c.var.deps;
  const user = requireUser(c);
  const { person, roles } = await viewPerson(
    database.db,
    clock.now(),
    auditContext(c),
    user,
    c.req.param("id") ?? "",
  );
  const dependencia = person.dependenciaId
    ? await findDependencia(database.db, person.dependenciaId)
    : undefined;
  const staff = backHref.startsWith("/admin");
  const ctx = pageContext(c);
  const [panels, moves] = staff
    ? await Promise.all([
        Promise.all(
          personPanels().map((panel) =>
            panel.render(database.db, person, {
              csrfToken: ctx.csrfToken,
              error: errors.panel?.id === panel.id ? errors.panel.message : undefined,
            }),
          ),
        ),
        findMoves(database.db, person.id),
      ])
    : [];
  c.header("Cache-Control", "no-store");
  return c.html(
    <PersonPage
      panels={panels}
      ctx={ctx}
      person={person}
      roles={roles}
      dependenciaName={dependencia?.name}
      backHref={backHref}
      canEditRoles={can(user.roles, "people.setRoles")}
      canEdit={staff && can(user.roles, "people.edit") && !refuseToManage(user.roles, roles)}
      canResetCredential={
        staff &&
        can(user.roles, "people.resetCredential") &&
        !refuseCredentialReset(user, { id: person.id, roles })
      }
      moves={moves}
      credentialError={errors.credential}
    />,
    errors.panel?.message || errors.credential ? 422 : 200,
  );
}

export function peopleRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "people.list", async (c) => {
    const { database, clock } = c.var.deps;
    const query = readQuery(c);
    const result = await listPeople(database.db, clock.now(), auditContext(c), {
      query: query.q,
      dependenciaId: query.dependencia,
      page: query.pagina,
    });
    c.header("Cache-Control", "no-store");
    return c.html(
      <PeopleListPage
        ctx={pageContext(c)}
        rows={result.rows}
        hasMore={result.hasMore}
        page={query.pagina}
        values={{ q: query.q, dependencia: query.dependencia ?? "" }}
        dependencias={await dependenciaOptions(database.db)}
      />,
    );
  });

  mount(app, "people.new", async (c) =>
    c.html(
      <NewPersonPage ctx={pageContext(c)} dependencias={await dependenciaOptions(c.var.deps.database.db)} />,
    ),
  );

  mount(app, "people.create", async (c) => {
    const { database, clock, config } = c.var.deps;
    const form = await parseForm(c, newPersonSchema);
    const rerender = async (errors: Record<string, string>) =>
      c.html(
        <NewPersonPage
          ctx={pageContext(c)}
          dependencias={await dependenciaOptions(database.db)}
          values={form.values}
          errors={errors}
        />,
        422,
      );
    if (!form.ok) return rerender(form.errors);
    if (!(await findDependencia(database.db, form.data.dependenciaId)))
      return rerender({ dependenciaId: "Elija una dependencia de la lista." });
    try {
      const enrolled = await enrollPerson(database.db, clock.now(), auditContext(c), config, form.data);
      c.header("Cache-Control", "no-store");
      return c.html(
        <CredentialIssuedPage
          ctx={pageContext(c)}
          person={enrolled.person}
          credential={enrolled.credential}
          expiresAt={enrolled.expiresAt}
        />,
        201,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === "people.duplicate_document")
        return rerender({ documentNumber: error.userMessage });
      throw error;
    }
  });

  mount(app, "people.show", (c) => renderPerson(c, "/admin/personas"));

  // An area's panel form (carnetización: a photo taken at the office), handled by the panel itself.
  mount(app, "people.uploadPhoto", async (c) => {
    const { database, clock, storage } = c.var.deps;
    const panel = findPersonPanel("foto");
    if (!panel?.submit) throw notFound("La página");
    const body = await c.req.parseBody();
    const person = await findPersonById(database.db, c.req.param("id") ?? "");
    if (!person) throw notFound("La persona");
    const outcome = await panel.submit({
      db: database.db,
      storage,
      at: clock.now(),
      audit: auditContext(c),
      actor: requireUser(c),
      person,
      body,
    });
    if (!outcome.ok)
      return renderPerson(c, "/admin/personas", { panel: { id: panel.id, message: outcome.error } });
    return redirectWithFlash(c, `/admin/personas/${person.id}`, outcome.flash);
  });

  mount(app, "people.setRoles", async (c) => {
    const { database, clock } = c.var.deps;
    const roles = (await readFormList(c, "roles")).filter(isRole);
    const id = c.req.param("id") ?? "";
    await setRoles(database.db, clock.now(), auditContext(c), id, [...new Set(roles)]);
    return redirectWithFlash(c, `/admin/personas/${id}`, "Se guardaron los roles.");
  });

  // The credential goes by e-mail unless staff explicitly choose to hand it over at the desk.
  mount(app, "people.resetCredential", async (c) => {
    const { database, clock, config } = c.var.deps;
    const choice = (await readForm(c)).entrega;
    if (choice !== "correo" && choice !== "en_persona")
      return renderPerson(c, "/admin/personas", {
        credential: "Elija cómo entregar la credencial: por correo o en persona.",
      });
    const reset = await resetCredential(
      database.db,
      clock.now(),
      auditContext(c),
      config,
      requireUser(c),
      c.req.param("id") ?? "",
      choice,
    );
    c.header("Cache-Control", "no-store");
    if (reset.delivery === "correo")
      return c.html(<CredentialSentPage ctx={pageContext(c)} person={reset.person} sentTo={reset.sentTo} />);
    return c.html(
      <CredentialIssuedPage
        ctx={pageContext(c)}
        person={reset.person}
        credential={reset.credential}
        expiresAt={reset.expiresAt}
        inPerson
      />,
    );
  });

  app.route("/", personEditRoutes());

  mount(app, "liaison.people", async (c) => {
    const { database, clock } = c.var.deps;
    const user = requireUser(c);
    if (!user.dependenciaId)
      throw forbidden("Su cuenta de enlace no tiene una dependencia asignada. Comuníquese con SSI.");
    const dependencia = await findDependencia(database.db, user.dependenciaId);
    const query = readQuery(c);
    const result = await listPeople(database.db, clock.now(), auditContext(c), {
      query: query.q,
      dependenciaId: user.dependenciaId,
      page: query.pagina,
    });
    c.header("Cache-Control", "no-store");
    return c.html(
      <LiaisonPeoplePage
        ctx={pageContext(c)}
        dependenciaName={dependencia?.name ?? "su dependencia"}
        rows={result.rows}
        hasMore={result.hasMore}
        page={query.pagina}
        values={{ q: query.q }}
      />,
    );
  });

  mount(app, "liaison.person", (c) => renderPerson(c, "/dependencia/personas"));

  return app;
}
