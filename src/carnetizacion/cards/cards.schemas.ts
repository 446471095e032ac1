import { z } from "zod";
import { DISABLE_REASONS, LANYARD_STATES } from "./cards.rules.ts";

const note = z.string().trim().max(300, "Use como máximo 300 caracteres.").default("");

export const disableSchema = z.object({
  reason: z.enum(
    DISABLE_REASONS.filter((r) => r !== "reemplazo") as ["desvinculacion", "perdida", "vencimiento", "otra"],
    { message: "Elija el motivo para inhabilitar el carnet." },
  ),
  note,
});

export const deliverSchema = z.object({
  lanyard: z.enum(LANYARD_STATES, { message: "Indique si se entregó la cinta." }),
});

export const noteSchema = z.object({ note });
