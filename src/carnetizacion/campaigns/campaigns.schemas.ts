import { z } from "zod";

export const LIST_KIND = z.enum(["desvinculados", "contratistas", "cintas"]);

export const campaignSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(3, "Escriba el nombre de la campaña.")
      .max(120, "Use como máximo 120 caracteres."),
    deadlineDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Elija la fecha límite."),
    deadlineTime: z
      .string()
      .trim()
      .regex(/^(\d{2}:\d{2})?$/, "Escriba la hora como 23:59.")
      .default(""),
    reminderDays: z.coerce
      .number({ error: "Escriba un número de días." })
      .int("Escriba un número entero de días.")
      .min(0, "Escriba 0 o más días.")
      .max(30, "Use como máximo 30 días."),
  })
  .transform((v, ctx) => {
    // Deadlines are Bogotá time (UTC−5 all year).
    const deadline = new Date(`${v.deadlineDay}T${v.deadlineTime || "23:59"}:59-05:00`);
    if (Number.isNaN(deadline.getTime())) {
      ctx.addIssue({ code: "custom", path: ["deadlineDay"], message: "La fecha límite no es válida." });
      return z.NEVER;
    }
    return { name: v.name, deadline, reminderDays: v.reminderDays };
  });
