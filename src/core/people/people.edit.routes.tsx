// «Editar datos» of a person, for SSI and administrators (who may edit whom is decided in the service).
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { parseForm } from "../../shared/forms.ts";
import { type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { dependenciaOptions, findDependencia } from "../dependencias/dependencias.service.ts";
import { editPerson, findPersonToEdit } from "./people.edit.ts";
import { EditPersonPage, personFormValues } from "./people.edit.views.tsx";
import { editPersonSchema } from "./people.schemas.ts";

export function personEditRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "people.edit", async (c) => {
    const { database, clock } = c.var.deps;
    const person = await findPersonToEdit(
      database.db,
      clock.now(),
      auditContext(c),
      requireUser(c),
      c.req.param("id") ?? "",
    );
    c.header("Cache-Control", "no-store");
    return c.html(
      <EditPersonPage
        ctx={pageContext(c)}
        person={person}
        dependencias={await dependenciaOptions(database.db)}
        values={personFormValues(person)}
      />,
    );
  });

  mount(app, "people.update", async (c) => {
    const { database, clock } = c.var.deps;
    const user = requireUser(c);
    // Refuses (403) before reading the form when the actor may not change this person at all.
    const person = await findPersonToEdit(
      database.db,
      clock.now(),
      auditContext(c),
      user,
      c.req.param("id") ?? "",
    );
    const form = await parseForm(c, editPersonSchema);
    const rerender = async (errors: Record<string, string>) => {
      c.header("Cache-Control", "no-store");
      return c.html(
        <EditPersonPage
          ctx={pageContext(c)}
          person={person}
          dependencias={await dependenciaOptions(database.db)}
          values={form.values}
          errors={errors}
        />,
        422,
      );
    };
    if (!form.ok) return rerender(form.errors);
    if (!(await findDependencia(database.db, form.data.dependenciaId)))
      return rerender({ dependenciaId: "Elija una dependencia de la lista." });
    const result = await editPerson(database.db, clock.now(), auditContext(c), user, person.id, form.data);
    if (!result.ok) return rerender(result.errors);
    return redirectWithFlash(
      c,
      `/admin/personas/${person.id}`,
      result.changed.length === 0
        ? "No cambió ningún dato: no se guardó nada."
        : "Se guardaron los cambios. Quedaron en la auditoría.",
    );
  });

  return app;
}
