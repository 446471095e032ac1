import { can, ROUTES, type RouteId } from "../../shared/auth/permissions.ts";
import { ROLE_LABELS } from "../../shared/auth/roles.ts";
import { type JourneyStep, JourneySteps } from "../../shared/views/JourneySteps.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";

const TASKS: { id: RouteId; title: string; text: string }[] = [
  { id: "card.page", title: "Mi carnet", text: "Vea en qué va su carnet y qué sigue." },
  { id: "profile.data", title: "Mis datos", text: "Revise y corrija los datos que irán en su carnet." },
  { id: "photo.page", title: "Mi foto", text: "Suba su foto; SIPAP la revisa al instante." },
  {
    id: "reports.dashboard",
    title: "Carnetización",
    text: "Tablero, fotos por revisar, impresión y entrega.",
  },
  { id: "lists.home", title: "Listas de mi dependencia", text: "Enviar las tres listas de la campaña." },
  {
    id: "campaigns.list",
    title: "Campañas",
    text: "Abrir campañas y ver qué dependencias enviaron sus listas.",
  },
  { id: "review.queue", title: "Fotos por revisar", text: "Aprobar o rechazar las fotos enviadas." },
  { id: "batches.list", title: "Impresión", text: "Armar lotes de carnets y descargar su PDF." },
  {
    id: "reports.toRecover",
    title: "Carnets por recuperar",
    text: "Carnets inhabilitados que su dependencia debe pedir de vuelta.",
  },
  { id: "reports.lanyards", title: "Cintas pendientes", text: "Personas que aún no reciben su cinta." },
  { id: "designs.show", title: "Diseño del carnet", text: "Ver y cambiar el diseño que se imprime." },
  {
    id: "reasons.list",
    title: "Motivos de rechazo",
    text: "Editar la lista de motivos para rechazar fotos.",
  },
  { id: "people.list", title: "Personas", text: "Buscar, registrar y entregar credenciales iniciales." },
  {
    id: "liaison.people",
    title: "Personas de mi dependencia",
    text: "Consultar quiénes están en su dependencia.",
  },
  {
    id: "plans.mine",
    title: "Actividades de mi dependencia",
    text: "Reporte el avance de sus actividades con sus evidencias y vea lo que vence.",
  },
  {
    id: "plans.list",
    title: "Planes",
    text: "PAAC/PTEP, Plan de Acción y planes de mejoramiento: avance, monitoreo y seguimientos.",
  },
  {
    id: "indicators.list",
    title: "Indicadores",
    text: "Indicadores de gestión de cada proceso y sus mediciones.",
  },
  {
    id: "responsables.list",
    title: "Responsables de planes",
    text: "Cómo se concilian los responsables escritos en los archivos con las dependencias.",
  },
  {
    id: "plans.types",
    title: "Tipos de plan",
    text: "Niveles, cortes de seguimiento, zonas de calificación y recordatorios.",
  },
  { id: "dependencias.list", title: "Dependencias", text: "Editar el árbol de la organización." },
  { id: "audit.search", title: "Auditoría", text: "Consultar ingresos, cambios y accesos a datos." },
  { id: "mail.outbox", title: "Correos", text: "Ver los correos enviados y los que esperan envío." },
  {
    id: "jobs.list",
    title: "Tareas",
    text: "Ver el trabajo en segundo plano y reintentar lo que haya fallado.",
  },
  { id: "auth.passwordForm", title: "Cambiar contraseña", text: "Cambie su contraseña cuando lo necesite." },
];

// Reached through the step list when the person has one.
const JOURNEY_TASKS = new Set<RouteId>(["card.page", "profile.data", "photo.page"]);

export function HomePage({ ctx, journey }: { ctx: PageContext; journey?: JourneyStep[] }) {
  const user = ctx.user;
  if (!user) {
    return (
      <Layout ctx={ctx} title="Inicio">
        <h1>SIPAP</h1>
        <p class="lead">
          La plataforma institucional de la {ctx.entity.name} para el carnet de servidores públicos y
          contratistas, los planes institucionales y las comunicaciones internas.
        </p>
        <a class="button button--large" href="/ingresar">
          Ingresar
        </a>
        <h2>¿Es su primer ingreso?</h2>
        <p>
          Ingrese con su número de documento y la credencial inicial personal que recibió. SIPAP le pedirá
          crear su propia contraseña antes de continuar.
        </p>
        <h2>¿Quiere comprobar un carnet?</h2>
        <p>
          Escanee el código QR del carnet con la cámara de su celular o{" "}
          <a href="/verificar">escriba su código</a>.
        </p>
      </Layout>
    );
  }
  const tasks = TASKS.filter((task) => can(user.roles, task.id) && !(journey && JOURNEY_TASKS.has(task.id)));
  return (
    <Layout ctx={ctx} title="Inicio">
      <h1>Hola, {user.firstNames}</h1>
      <p class="lead">
        Sus roles:{" "}
        {user.roles.length > 0 ? user.roles.map((r) => ROLE_LABELS[r]).join(", ") : "ninguno asignado"}.
      </p>
      {journey && <JourneySteps steps={journey} />}
      {journey && <h2 class="heading-m">Otras tareas</h2>}
      <ul class="task-list">
        {tasks.map((task) => (
          <li class="task">
            <a href={ROUTES[task.id].path} class="task__link">
              {task.title}
            </a>
            <p>{task.text}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
