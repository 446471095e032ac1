// The dashboard's filters (GET form and the export's query): anything unreadable is ignored, never an error.
import { z } from "zod";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const monitoringQuerySchema = z.object({
  dependencia: z.string().regex(UUID).optional().catch(undefined),
  mes: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
});
export type MonitoringQuery = z.output<typeof monitoringQuerySchema>;
