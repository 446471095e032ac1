import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { notFound } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { parseForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { findDependencia } from "../dependencias/dependencias.service.ts";
import { findHomeJourney } from "../home/home.service.ts";
import { buildMyDataArchive } from "../mydata/mydata.service.ts";
import { findPersonById } from "../people/people.service.ts";
import { noticeSchema, profileSchema } from "./profile.schemas.ts";
import { acceptNotice, updateOwnData } from "./profile.service.ts";
import { MyDataPage, NoticePage } from "./profile.views.tsx";

async function ownPerson(c: AppContext) {
  const db = c.var.deps.database.db;
  const person = await findPersonById(db, requireUser(c).id);
  if (!person) throw notFound("Su registro");
  const dependencia = person.dependenciaId ? await findDependencia(db, person.dependenciaId) : undefined;
  return { person, dependenciaName: dependencia?.name };
}

export function profileRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "profile.notice", (c) => c.html(<NoticePage ctx={pageContext(c)} />));

  mount(app, "profile.acceptNotice", async (c) => {
    const form = await parseForm(c, noticeSchema);
    if (!form.ok) return c.html(<NoticePage ctx={pageContext(c)} errors={form.errors} />, 422);
    const { database, clock } = c.var.deps;
    await acceptNotice(database.db, clock.now(), auditContext(c), requireUser(c).id);
    return c.redirect("/", 303);
  });

  mount(app, "profile.data", async (c) => {
    const { person, dependenciaName } = await ownPerson(c);
    const values = {
      firstNames: person.firstNames,
      lastNames: person.lastNames,
      position: person.position ?? "",
      email: person.email ?? "",
      phone: person.phone ?? "",
      bloodType: person.bloodType ?? "",
    };
    const journey = c.var.flash ? await findHomeJourney(c.var.deps.database.db, person.id) : undefined;
    c.header("Cache-Control", "no-store");
    return c.html(
      <MyDataPage
        ctx={pageContext(c)}
        person={person}
        dependenciaName={dependenciaName}
        values={values}
        journey={journey}
      />,
    );
  });

  mount(app, "profile.updateData", async (c) => {
    const { database, clock, config } = c.var.deps;
    const form = await parseForm(c, profileSchema(config.entity.emailDomain));
    if (!form.ok) {
      const { person, dependenciaName } = await ownPerson(c);
      return c.html(
        <MyDataPage
          ctx={pageContext(c)}
          person={person}
          dependenciaName={dependenciaName}
          values={form.values}
          errors={form.errors}
        />,
        422,
      );
    }
    await updateOwnData(database.db, clock.now(), auditContext(c), requireUser(c).id, form.data);
    return redirectWithFlash(c, "/mis-datos", "Sus datos se guardaron.");
  });

  // Habeas data: everything SIPAP holds about the signed-in person; no id is read from the request.
  mount(app, "mydata.download", async (c) => {
    const { database, clock, storage, config } = c.var.deps;
    const { zip, fileName } = await buildMyDataArchive(
      database.db,
      storage,
      clock.now(),
      auditContext(c),
      requireUser(c).id,
      config.entity.name,
    );
    c.header("Content-Type", "application/zip");
    c.header("Content-Disposition", `attachment; filename="${fileName}"`);
    c.header("Cache-Control", "no-store");
    return c.body(new Uint8Array(zip));
  });

  return app;
}
