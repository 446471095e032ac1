import { describe, expect, it } from "vitest";
import { type JourneyInput, journeySteps } from "./carnetizacion.journey.rules.ts";

const complete = { position: "Profesional universitario", bloodType: "O+" };
const statuses = (input: JourneyInput) => journeySteps(input).map((step) => step.status);

describe("the person's card steps", () => {
  it.each<[string, JourneyInput, string[]]>([
    [
      "a newcomer starts with their data",
      { person: { position: null, bloodType: null }, photo: undefined, card: undefined },
      ["siguiente", "pendiente", "pendiente"],
    ],
    [
      "complete data: the photo is next",
      { person: complete, photo: undefined, card: undefined },
      ["hecho", "siguiente", "pendiente"],
    ],
    [
      "photo in review: waiting for SSI",
      {
        person: complete,
        photo: { state: "en_revision", rejectionReason: null },
        card: { state: "solicitada", lanyard: null },
      },
      ["hecho", "espera", "espera"],
    ],
    [
      "approved photo: the card is in the queue",
      {
        person: complete,
        photo: { state: "aprobada", rejectionReason: null },
        card: { state: "lista_para_imprimir", lanyard: null },
      },
      ["hecho", "hecho", "espera"],
    ],
    [
      "rejected photo: a new one is next",
      {
        person: complete,
        photo: { state: "rechazada", rejectionReason: "Fondo de color" },
        card: { state: "solicitada", lanyard: null },
      },
      ["hecho", "siguiente", "pendiente"],
    ],
    [
      "card ready: pick it up",
      {
        person: complete,
        photo: { state: "aprobada", rejectionReason: null },
        card: { state: "lista_para_entrega", lanyard: null },
      },
      ["hecho", "hecho", "siguiente"],
    ],
    [
      "card delivered: all done",
      {
        person: complete,
        photo: { state: "aprobada", rejectionReason: null },
        card: { state: "entregada", lanyard: "entregada" },
      },
      ["hecho", "hecho", "hecho"],
    ],
  ])("%s", (_name, input, expected) => {
    expect(statuses(input)).toEqual(expected);
  });

  it("names what is missing and the rejection reason", () => {
    const [data, photo] = journeySteps({
      person: { position: null, bloodType: "A+" },
      photo: { state: "rechazada", rejectionReason: "Fondo de color" },
      card: undefined,
    });
    expect(data?.text).toContain("cargo u objeto del contrato");
    expect(data?.text).not.toContain("grupo sanguíneo");
    expect(photo?.text).toContain("Fondo de color");
  });

  it("says when the lanyard is still pending", () => {
    const steps = journeySteps({
      person: complete,
      photo: { state: "aprobada", rejectionReason: null },
      card: { state: "entregada", lanyard: "pendiente" },
    });
    expect(steps[2]?.text).toContain("cinta queda pendiente");
  });
});
