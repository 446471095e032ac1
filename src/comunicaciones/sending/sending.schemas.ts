// The schedule form: a Bogotá date and time (minute precision: the sweep runs every minute).
import { z } from "zod";
import { DELIVERY_STATES } from "./sending.rules.ts";

export const scheduleSchema = z.object({
  date: z
    .string({ error: "Escriba la fecha del envío." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Escriba la fecha como aaaa-mm-dd."),
  time: z
    .string({ error: "Escriba la hora del envío." })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Escriba la hora como hh:mm, por ejemplo 09:30."),
  rowVersion: z.coerce.number().int().min(1).optional(),
});
export type ScheduleForm = z.output<typeof scheduleSchema>;

export const logQuerySchema = z.object({
  estado: z.enum(DELIVERY_STATES).optional().catch(undefined),
  pagina: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
