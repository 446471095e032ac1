// The three steps of a person's own card (datos → foto → carnet): where they are and what comes next.
// Shown on the home page, «Mis datos» and «Mi foto» through core's home journey (carnetizacion.area.ts).

import type { JourneyStep, StepStatus } from "../shared/views/JourneySteps.tsx";
import type { CardState } from "./cards/cards.rules.ts";
import type { PhotoState } from "./photos/photos.rules.ts";

export type { JourneyStep } from "../shared/views/JourneySteps.tsx";

export interface JourneyInput {
  person: { position: string | null; bloodType: string | null };
  photo: { state: PhotoState; rejectionReason: string | null } | undefined;
  card: { state: CardState; lanyard: string | null } | undefined;
}

function dataStep({ person }: JourneyInput): JourneyStep {
  const missing = [
    !person.position && "su cargo u objeto del contrato",
    !person.bloodType && "su grupo sanguíneo",
  ]
    .filter((item): item is string => Boolean(item))
    .join(" y ");
  return missing
    ? {
        title: "Sus datos",
        status: "siguiente",
        text: `Complete ${missing}: van impresos en el carnet.`,
        href: "/mis-datos",
        linkText: "Completar mis datos",
      }
    : {
        title: "Sus datos",
        status: "hecho",
        text: "Sus datos para el carnet están completos. Puede corregirlos si algo cambió.",
        href: "/mis-datos",
        linkText: "Revisar mis datos",
      };
}

function photoStep({ photo }: JourneyInput): JourneyStep {
  const base = { title: "Su foto", href: "/mi-foto" };
  switch (photo?.state) {
    case "aprobada":
      return { ...base, status: "hecho", text: "SSI aprobó su foto.", linkText: "Ver mi foto" };
    case "en_revision":
      return {
        ...base,
        status: "espera",
        text: "Su foto está en revisión por la Subsecretaría de Sistemas de Información (SSI). Le avisaremos por correo si hay que cambiarla.",
        linkText: "Ver mi foto",
      };
    case "rechazada":
      return {
        ...base,
        status: "siguiente",
        text: `SSI rechazó su foto${photo.rejectionReason ? ` (${photo.rejectionReason})` : ""}. Suba una nueva.`,
        linkText: "Subir una foto nueva",
      };
    case "borrador":
      return {
        ...base,
        status: "siguiente",
        text: "Su foto no pasó algunas revisiones automáticas: suba otra o envíela con una explicación.",
        linkText: "Terminar mi foto",
      };
    default:
      return {
        ...base,
        status: "siguiente",
        text: "Suba una foto reciente, a color, de frente y con fondo blanco. SIPAP la revisa al instante.",
        linkText: "Subir mi foto",
      };
  }
}

const CARD_TEXT: Record<CardState, { status: StepStatus; text: string }> = {
  solicitada: {
    status: "espera",
    text: "Su solicitud está abierta. Vea en «Mi carnet» qué falta para imprimirlo.",
  },
  lista_para_imprimir: { status: "espera", text: "Su carnet está en la fila de impresión de SSI." },
  impresa: { status: "espera", text: "SSI está imprimiendo su carnet." },
  lista_para_entrega: {
    status: "siguiente",
    text: "Su carnet está listo: recójalo en SSI con su documento.",
  },
  entregada: { status: "hecho", text: "Usted ya recibió su carnet." },
  inhabilitada: {
    status: "siguiente",
    text: "Su carnet fue inhabilitado. Vea en «Mi carnet» el motivo y qué hacer.",
  },
  devuelta: { status: "hecho", text: "Su carnet fue devuelto a la entidad." },
  cancelada: {
    status: "siguiente",
    text: "Su solicitud de carnet se canceló. Vea en «Mi carnet» el motivo.",
  },
};

function cardStep(input: JourneyInput, earlierPending: boolean): JourneyStep {
  const base = { title: "Su carnet", href: "/mi-carnet", linkText: "Ver mi carnet" };
  if (!input.card)
    return {
      ...base,
      status: earlierPending ? "pendiente" : "espera",
      text: "La solicitud del carnet se abre cuando envía su foto.",
    };
  const { status, text } = CARD_TEXT[input.card.state];
  if (input.card.state === "solicitada" && earlierPending)
    return { ...base, status: "pendiente", text: "Se imprime cuando sus datos y su foto estén listos." };
  const lanyard =
    input.card.state === "entregada" && input.card.lanyard === "pendiente"
      ? " La cinta queda pendiente."
      : "";
  return { ...base, status, text: text + lanyard };
}

/** The steps in order; only the first one that needs the person is marked «siguiente». */
export function journeySteps(input: JourneyInput): JourneyStep[] {
  const data = dataStep(input);
  const photo = photoStep(input);
  const earlierPending = data.status === "siguiente" || photo.status === "siguiente";
  const steps = [data, photo, cardStep(input, earlierPending)];
  // One next step at a time: later steps that also need the person wait their turn.
  const next = steps.findIndex((step) => step.status === "siguiente");
  return steps.map((step, i) =>
    i > next && next >= 0 && step.status === "siguiente" ? { ...step, status: "pendiente" } : step,
  );
}
