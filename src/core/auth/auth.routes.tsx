import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { parseForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { formatTime } from "../../shared/time.ts";
import { pageContext } from "../../shared/views/page.ts";
import { renderSharedPage } from "../../shared/views/shared-page.ts";
import { changePassword } from "./auth.credentials.ts";
import { checkLink, type LinkLoginResult, type LoginResult, login, loginWithLink } from "./auth.login.ts";
import { clearSessionCookie, setSessionCookie } from "./auth.middleware.ts";
import { loginSchema, passwordChangeSchema, safeNextPath } from "./auth.schemas.ts";
import { logout } from "./auth.sessions.ts";
import { LinkPage, LoginPage, PasswordPage } from "./auth.views.tsx";

function loginFailureMessage(
  result: Exclude<LoginResult, { kind: "ok" }> | Exclude<LinkLoginResult, { kind: "ok" }>,
  support: string,
): string {
  switch (result.kind) {
    case "invalid":
      return "El número de documento o la contraseña no son correctos. Revíselos e intente de nuevo.";
    case "locked":
      return `Hubo demasiados intentos fallidos. Por seguridad, espere hasta las ${formatTime(result.until)} (hora de Colombia) e intente de nuevo.`;
    case "credential_expired":
      return `Su credencial inicial venció. Pida una nueva a la Subsecretaría de Sistemas de Información (${support}).`;
    case "credential_used":
      return `Esa credencial inicial ya se usó. Ingrese con la contraseña que creó; si no la recuerda, pida una nueva credencial a la Subsecretaría de Sistemas de Información (${support}).`;
    case "inactive":
      return `Su cuenta está desactivada porque figura como desvinculada. Si es un error, comuníquese con ${support}.`;
  }
}

function linkProblem(kind: Exclude<LinkLoginResult, { kind: "ok" }>["kind"], support: string) {
  if (kind === "invalid")
    return `El enlace no es válido o fue reemplazado por una credencial nueva. Si no tiene contraseña, pida una credencial nueva a la Subsecretaría de Sistemas de Información (${support}).`;
  return loginFailureMessage({ kind } as Exclude<LinkLoginResult, { kind: "ok" }>, support);
}

/** The page to return to after login, when it is one of ours (the form carries it on to the POST). */
function nextPage(c: AppContext): string | undefined {
  const next = safeNextPath(c.req.query("siguiente"));
  return next === "/" ? undefined : next;
}

export function authRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "auth.loginForm", (c) => {
    if (c.var.user) return c.redirect("/", 303);
    const next = nextPage(c);
    if (next) return c.html(<LoginPage ctx={pageContext(c)} next={next} />);
    return renderSharedPage(c, "login", (ctx) => <LoginPage ctx={ctx} />);
  });

  mount(app, "auth.login", async (c) => {
    const next = nextPage(c);
    const form = await parseForm(c, loginSchema);
    const values = { documentNumber: form.values.documentNumber ?? "" };
    if (!form.ok)
      return c.html(<LoginPage ctx={pageContext(c)} values={values} errors={form.errors} next={next} />, 422);
    const { database, clock, config } = c.var.deps;
    const result = await login(database.db, clock.now(), auditContext(c), config, form.data);
    if (result.kind === "ok") {
      setSessionCookie(c, result.token);
      return c.redirect(result.mustChangePassword ? "/cambiar-clave" : (next ?? "/"), 303);
    }
    const message = loginFailureMessage(result, config.entity.supportEmail);
    if (result.kind === "locked")
      c.header("Retry-After", String(Math.ceil((result.until.getTime() - clock.now().getTime()) / 1000)));
    const status = result.kind === "locked" ? 429 : result.kind === "invalid" ? 401 : 403;
    return c.html(
      <LoginPage ctx={pageContext(c)} values={values} errors={{ _form: message }} next={next} />,
      status,
    );
  });

  mount(app, "auth.linkForm", async (c) => {
    const { database, clock, config } = c.var.deps;
    const token = c.req.param("token") ?? "";
    const checked = await checkLink(database.db, clock.now(), token);
    c.header("Cache-Control", "no-store");
    if (checked.kind !== "ok")
      return c.html(
        <LinkPage
          ctx={pageContext(c)}
          token={token}
          problem={linkProblem(checked.kind, config.entity.supportEmail)}
        />,
        404,
      );
    return c.html(<LinkPage ctx={pageContext(c)} token={token} firstNames={checked.person.firstNames} />);
  });

  mount(app, "auth.linkLogin", async (c) => {
    const { database, clock, config } = c.var.deps;
    const token = c.req.param("token") ?? "";
    const result = await loginWithLink(database.db, clock.now(), auditContext(c), config, token);
    if (result.kind === "ok") {
      setSessionCookie(c, result.token);
      return c.redirect("/cambiar-clave", 303);
    }
    return c.html(
      <LinkPage
        ctx={pageContext(c)}
        token={token}
        problem={linkProblem(result.kind, config.entity.supportEmail)}
      />,
      404,
    );
  });

  mount(app, "auth.logout", async (c) => {
    const { database, clock } = c.var.deps;
    await logout(database.db, clock.now(), auditContext(c), requireUser(c));
    clearSessionCookie(c);
    return redirectWithFlash(c, "/ingresar", "Cerró su sesión. Para volver a entrar, ingrese de nuevo.");
  });

  mount(app, "auth.passwordForm", (c) =>
    c.html(<PasswordPage ctx={pageContext(c)} forced={requireUser(c).mustChangePassword} />),
  );

  mount(app, "auth.changePassword", async (c) => {
    const user = requireUser(c);
    const form = await parseForm(c, passwordChangeSchema);
    const render = (errors: Record<string, string>) =>
      c.html(<PasswordPage ctx={pageContext(c)} forced={user.mustChangePassword} errors={errors} />, 422);
    if (!form.ok) return render(form.errors);
    const { database, clock } = c.var.deps;
    const result = await changePassword(database.db, clock.now(), auditContext(c), user, form.data);
    if (!result.ok) return render({ [result.field]: result.message });
    return redirectWithFlash(c, "/", "Su contraseña se guardó. Úsela la próxima vez que ingrese.");
  });

  return app;
}
