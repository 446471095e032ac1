// The GOV.CO frame shared by every page: top bar, entity header, role navigation, footer with the entity's data.
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";
import { can, ROUTES, type RouteId } from "../auth/permissions.ts";
import type { Role } from "../auth/roles.ts";
import { CsrfField } from "./components.tsx";
import type { PageContext } from "./page.ts";

// `hideFor`: roles that reach the page another way (SSI reaches the liaisons' lists from its dashboard).
const NAV: { id: RouteId; label: string; hideFor?: Role[] }[] = [
  { id: "card.page", label: "Mi carnet" },
  { id: "profile.data", label: "Mis datos" },
  { id: "photo.page", label: "Mi foto" },
  { id: "reports.dashboard", label: "Carnetización" },
  { id: "review.queue", label: "Fotos por revisar" },
  { id: "batches.list", label: "Impresión" },
  { id: "campaigns.list", label: "Campañas" },
  { id: "people.list", label: "Personas" },
  { id: "liaison.people", label: "Mi dependencia" },
  { id: "lists.home", label: "Listas" },
  { id: "reports.toRecover", label: "Carnets por recuperar", hideFor: ["operador_ssi", "administrador"] },
  { id: "reports.lanyards", label: "Cintas pendientes", hideFor: ["operador_ssi", "administrador"] },
  { id: "plans.list", label: "Planes" },
  { id: "plans.mine", label: "Actividades de mi dependencia" },
  { id: "indicators.list", label: "Indicadores" },
  { id: "responsables.list", label: "Responsables de planes" },
  { id: "plans.types", label: "Tipos de plan" },
  { id: "comm.mine", label: "Mis solicitudes" },
  { id: "comm.queue", label: "Comunicaciones" },
  { id: "consults.inbox", label: "Consultas" },
  { id: "dependencias.list", label: "Dependencias" },
  { id: "audit.search", label: "Auditoría" },
  { id: "mail.outbox", label: "Correos" },
  { id: "jobs.list", label: "Tareas" },
  { id: "pubs.queue", label: "Publicaciones" },
  { id: "pubs.mine", label: "Publicaciones", hideFor: ["operador_ssi"] },
  { id: "library.list", label: "Documentos" },
];

function Navigation({ ctx }: { ctx: PageContext }) {
  const user = ctx.user;
  if (!user) return null;
  const onboarding = user.mustChangePassword || user.privacyPending;
  const items = onboarding
    ? []
    : NAV.filter(
        (item) => can(user.roles, item.id) && !item.hideFor?.some((role) => user.roles.includes(role)),
      );
  // The item whose page (or section) this is: the longest path that starts the current one.
  const currentPath = items
    .map((item) => ROUTES[item.id].path as string)
    .filter((path) => ctx.path === path || ctx.path.startsWith(`${path}/`))
    .sort((a, b) => b.length - a.length)[0];
  const links = (
    <ul class="site-nav__list">
      <li>
        <a href="/" aria-current={ctx.path === "/" ? "page" : undefined}>
          Inicio
        </a>
      </li>
      {items.map((item) => {
        const path = ROUTES[item.id].path;
        return (
          <li>
            <a href={path} aria-current={path === currentPath ? "page" : undefined}>
              {item.label}
            </a>
          </li>
        );
      })}
    </ul>
  );
  const account = (
    <div class="site-nav__account">
      <span class="site-nav__name">{user.firstNames}</span>
      <a href="/cambiar-clave">Cambiar contraseña</a>
      <form method="post" action="/salir" class="inline-form">
        <CsrfField token={ctx.csrfToken} />
        <button type="submit" class="link-button">
          Salir
        </button>
      </form>
    </div>
  );
  // Phones get one «Menú» button (a <details>, so it opens without JavaScript); wider screens the full bar.
  // Only one of the two is displayed at a time, so assistive technology meets the links once.
  return (
    <nav class="site-nav" aria-label="Menú principal">
      <div class="container">
        <details class="site-nav__phone">
          <summary class="site-nav__toggle">Menú</summary>
          {links}
          {account}
        </details>
        <div class="site-nav__inner">
          {links}
          {account}
        </div>
      </div>
    </nav>
  );
}

type Entity = PageContext["entity"];

function SiteHeader({ entity }: { entity: Entity }) {
  return (
    <>
      <div class="govco-bar">
        <div class="container">
          <a href="https://www.gov.co" class="govco-bar__logo" lang="es">
            GOV.CO
          </a>
        </div>
      </div>
      <header class="site-header">
        <div class="container site-header__inner">
          <a href="/" class="site-header__brand">
            <img src="/static/escudo.svg" alt="" width="44" height="52" />
            <span>
              <span class="site-header__entity">{entity.name}</span>
              <span class="site-header__product">SIPAP · Plataforma institucional</span>
            </span>
          </a>
        </div>
      </header>
    </>
  );
}

function SiteFooter({ entity }: { entity: Entity }) {
  return (
    <footer class="site-footer">
      <div class="container site-footer__inner">
        <div>
          <h2 class="site-footer__title">{entity.name}</h2>
          <p>NIT {entity.nit}</p>
          <p>{entity.address}</p>
          <p>Teléfono: {entity.phone}</p>
          <p>Horario de atención: {entity.hours}</p>
        </div>
        <div>
          <h2 class="site-footer__title">Soporte</h2>
          <p>
            Correo: <a href={`mailto:${entity.supportEmail}`}>{entity.supportEmail}</a>
          </p>
          <p>Subsecretaría de Sistemas de Información, {entity.supportPhone}</p>
          <p>
            <a href={entity.website}>Sitio web de la entidad</a>
          </p>
        </div>
        <div>
          <h2 class="site-footer__title">Enlaces</h2>
          <ul class="site-footer__links">
            <li>
              <a href="/privacidad">Política de tratamiento de datos personales</a>
            </li>
            <li>
              <a href="/accesibilidad">Declaración de accesibilidad</a>
            </li>
            <li>
              <a href="/mapa-del-sitio">Mapa del sitio</a>
            </li>
            <li>
              <a href="/transparencia">Transparencia y acceso a la información pública</a>
            </li>
            <li>
              <a href="/documentos">Documentos (circulares y resoluciones)</a>
            </li>
          </ul>
        </div>
      </div>
      <div class="govco-footer-bar">
        <div class="container">
          <a href="https://www.gov.co" lang="es">
            GOV.CO
          </a>
        </div>
      </div>
    </footer>
  );
}

// Header and footer depend only on the entity's configuration: rendered once, reused on every page.
const frameCache = new WeakMap<Entity, { header: HtmlEscapedString; footer: HtmlEscapedString }>();

function frameFor(entity: Entity) {
  let frame = frameCache.get(entity);
  if (!frame) {
    frame = {
      header: raw(String(<SiteHeader entity={entity} />)),
      footer: raw(String(<SiteFooter entity={entity} />)),
    };
    frameCache.set(entity, frame);
  }
  return frame;
}

export function Layout(props: { ctx: PageContext; title: string; children: Child; islands?: string[] }) {
  const { ctx, title, children } = props;
  const { entity } = ctx;
  const frame = frameFor(entity);
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="es-CO">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} – SIPAP – ${entity.name}`}</title>
          <link rel="stylesheet" href="/static/sipap.css" />
          <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
          {props.islands?.map((name) => (
            <script type="module" src={`/static/islands/${name}.js`} />
          ))}
        </head>
        <body>
          <a class="skip-link" href="#contenido">
            Saltar al contenido
          </a>
          {frame.header}
          <Navigation ctx={ctx} />
          <main id="contenido" class="container main" tabindex={-1}>
            {ctx.flash && (
              <div class="notice notice--success" role="status">
                {ctx.flash}
              </div>
            )}
            {children}
          </main>
          {frame.footer}
        </body>
      </html>
    </>
  );
}
