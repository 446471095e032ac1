import { describe, expect, it } from "vitest";
import {
  type Audience,
  CARD_STATES,
  type CardState,
  canTransition,
  cardStateLabel,
  missingForPrint,
  type PhotoSituation,
  type PrintPerson,
} from "./cards.rules.ts";

// Every allowed move of docs/DOMAIN.md; every other pair must be refused.
const ALLOWED: [CardState, CardState][] = [
  ["solicitada", "lista_para_imprimir"],
  ["solicitada", "cancelada"],
  ["lista_para_imprimir", "impresa"],
  ["lista_para_imprimir", "solicitada"],
  ["lista_para_imprimir", "cancelada"],
  ["impresa", "lista_para_entrega"],
  ["impresa", "lista_para_imprimir"],
  ["impresa", "inhabilitada"],
  ["lista_para_entrega", "entregada"],
  ["lista_para_entrega", "inhabilitada"],
  ["entregada", "inhabilitada"],
  ["inhabilitada", "devuelta"],
];

describe("card state machine", () => {
  const pairs = CARD_STATES.flatMap((from) => CARD_STATES.map((to) => [from, to] as const));
  it.each(pairs)("%s → %s", (from, to) => {
    const expected = ALLOWED.some(([f, t]) => f === from && t === to);
    expect(canTransition(from, to)).toBe(expected);
  });

  it("never lets a disabled, returned or cancelled card come back to life", () => {
    for (const end of ["inhabilitada", "devuelta", "cancelada"] as const)
      for (const live of ["impresa", "lista_para_entrega", "entregada"] as const)
        expect(canTransition(end, live)).toBe(false);
  });
});

const complete: PrintPerson = {
  id: "p-1",
  status: "activo",
  dependenciaId: "d-1",
  position: "Profesional universitario",
  bloodType: "O+",
  vinculacion: "ops",
  contractEnd: "2026-12-31",
};
const approved: PhotoSituation = {
  approved: true,
  latest: { id: "f-1", state: "aprobada", rejectionReason: null },
};
const inReview: PhotoSituation = {
  approved: false,
  latest: { id: "f-2", state: "en_revision", rejectionReason: null },
};
const solicitada = { state: "solicitada" as const };
const TODAY = "2026-02-02";

describe("what is missing before a card can be printed", () => {
  // [case, person changes, photo, card, audience, expected "what: who" lines, expected links]
  const cases: [
    string,
    Partial<PrintPerson>,
    PhotoSituation,
    { state: CardState } | undefined,
    Audience,
    string[],
    (string | undefined)[],
  ][] = [
    ["nothing, for a complete record with an approved photo", {}, approved, solicitada, "self", [], []],
    [
      "the vinculación, completed by SSI, linked to the staff edit for SSI",
      { vinculacion: null, contractEnd: null },
      approved,
      solicitada,
      "staff",
      ["Falta la vinculación (planta o contratista con contrato): la registra SSI"],
      ["/admin/personas/p-1/editar"],
    ],
    [
      "the vinculación, told to the person without a link they cannot use",
      { vinculacion: null, contractEnd: null },
      approved,
      solicitada,
      "self",
      ["Falta su vinculación (planta o contratista con contrato): la registra SSI"],
      [undefined],
    ],
    [
      "an approved photo, with the way to Mi foto",
      {},
      { approved: false },
      solicitada,
      "self",
      ["Falta su foto aprobada: suba su foto en Mi foto"],
      ["/mi-foto"],
    ],
    [
      "the review of a photo sent, to the person",
      {},
      inReview,
      solicitada,
      "self",
      [
        "Su foto está en revisión por SSI: usted no tiene que hacer nada; si hay que cambiarla, le avisamos por correo",
      ],
      [undefined],
    ],
    [
      "the review of a photo sent, to SSI with the photo's review page",
      {},
      inReview,
      solicitada,
      "staff",
      ["La foto está en revisión: la aprueba o rechaza SSI"],
      ["/ssi/fotos/f-2"],
    ],
    [
      "a new photo after a rejection, with the reason",
      {},
      { approved: false, latest: { id: "f-3", state: "rechazada", rejectionReason: "Foto tipo selfie" } },
      solicitada,
      "self",
      ["Su foto fue rechazada (Foto tipo selfie): suba una foto nueva en Mi foto"],
      ["/mi-foto"],
    ],
    [
      "the cargo and the blood type, which the person completes in Mis datos",
      { position: " ", bloodType: null },
      approved,
      solicitada,
      "self",
      [
        "Falta su cargo u objeto del contrato: complételo en Mis datos",
        "Falta su grupo sanguíneo y RH: complételo en Mis datos",
      ],
      ["/mis-datos", "/mis-datos"],
    ],
    [
      "a contract that already ended",
      { contractEnd: "2026-01-31" },
      approved,
      solicitada,
      "staff",
      [
        "El contrato terminó el 31/01/2026: el contrato nuevo lo registra SSI (o la dependencia en la lista de contratistas)",
      ],
      ["/admin/personas/p-1/editar"],
    ],
    [
      "a contractor's contract end date",
      { contractEnd: null },
      approved,
      solicitada,
      "staff",
      ["Falta la fecha de fin del contrato: la registra SSI (o la dependencia en la lista de contratistas)"],
      ["/admin/personas/p-1/editar"],
    ],
    [
      "the dependencia, and a person who left",
      { dependenciaId: null, status: "desvinculado" },
      approved,
      solicitada,
      "staff",
      [
        "La persona figura como desvinculada: SSI la reactiva si volvió",
        "Falta la dependencia: la registra SSI",
      ],
      ["/admin/personas/p-1/editar", "/admin/personas/p-1/editar"],
    ],
    [
      "no contract date for an employee (planta)",
      { vinculacion: "planta", contractEnd: null },
      approved,
      solicitada,
      "staff",
      [],
      [],
    ],
    [
      "nothing once the card is printed",
      { vinculacion: null },
      { approved: false },
      { state: "impresa" },
      "self",
      [],
      [],
    ],
    [
      "the same steps before any card was requested",
      { bloodType: null },
      { approved: false },
      undefined,
      "self",
      [
        "Falta su grupo sanguíneo y RH: complételo en Mis datos",
        "Falta su foto aprobada: suba su foto en Mi foto",
      ],
      ["/mis-datos", "/mi-foto"],
    ],
  ];
  it.each(cases)("lists %s", (_name, changes, photo, card, audience, lines, links) => {
    const steps = missingForPrint({ ...complete, ...changes }, photo, card, TODAY, audience);
    expect(steps.map((s) => `${s.what}: ${s.who}`)).toEqual(lines);
    expect(steps.map((s) => s.href)).toEqual(links);
  });
});

describe("the label of a card taken into a batch", () => {
  it.each([
    ["impresa", "generando", "En lote — generando el PDF"],
    ["impresa", "fallida", "En lote — falló el PDF"],
    ["impresa", "lista", "Impreso"],
    ["impresa", undefined, "Impreso"],
    ["lista_para_entrega", "lista", "Listo para entregar"],
  ] as const)("%s in a batch %s reads «%s»", (state, batch, label) => {
    expect(cardStateLabel(state, batch)).toBe(label);
  });
});
