import { z } from "zod";
import { startOfBogotaDay } from "../../shared/time.ts";
import {
  BLOOD_TYPES,
  checkDocumentNumber,
  DOCUMENT_TYPES,
  type DocumentType,
  normalizeDocumentNumber,
  normalizePhone,
} from "./people.rules.ts";

const documentTypes = Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]];

/** A text field that may be left empty (stored as null). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use como máximo ${max} caracteres.`)
    .optional()
    .transform((v) => (v ? v : null));

/** The fields of a registration; the staff edit adds phone and blood group and checks them the same way. */
const personFields = z.object({
  documentType: z.enum(documentTypes, { error: "Elija el tipo de documento." }),
  documentNumber: z
    .string()
    .trim()
    .min(1, "Escriba el número de documento.")
    .transform(normalizeDocumentNumber),
  firstNames: z.string().trim().min(1, "Escriba los nombres.").max(80, "Use como máximo 80 caracteres."),
  lastNames: z.string().trim().min(1, "Escriba los apellidos.").max(80, "Use como máximo 80 caracteres."),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(120)
    .refine(
      (v) => v === "" || z.email().safeParse(v).success,
      "Escriba un correo válido, como nombre@pasto.gov.co.",
    )
    .transform((v) => (v === "" ? null : v)),
  dependenciaId: z.string().uuid("Elija la dependencia."),
  position: optionalText(300),
  vinculacion: z
    .enum(["", "planta", "ops"], { error: "Elija el tipo de vinculación." })
    .optional()
    .transform((v) => (v ? v : null)),
  contractNumber: optionalText(40),
  contractStart: optionalText(10),
  contractEnd: optionalText(10),
});

type PersonFields = z.output<typeof personFields>;

/** The rules across fields, shared by registration and the staff edit. */
function checkPersonFields(value: PersonFields, ctx: z.RefinementCtx) {
  const problem = checkDocumentNumber(value.documentType, value.documentNumber);
  if (problem) ctx.addIssue({ code: "custom", path: ["documentNumber"], message: problem });
  if (value.vinculacion !== "ops") return;
  // An OPS contractor's card is valid until the contract ends: the contract is required.
  if (!value.contractNumber)
    ctx.addIssue({ code: "custom", path: ["contractNumber"], message: "Escriba el número del contrato." });
  const start = value.contractStart && startOfBogotaDay(value.contractStart);
  const end = value.contractEnd && startOfBogotaDay(value.contractEnd);
  if (!start)
    ctx.addIssue({
      code: "custom",
      path: ["contractStart"],
      message: "Escriba la fecha de inicio (aaaa-mm-dd).",
    });
  if (!end)
    ctx.addIssue({
      code: "custom",
      path: ["contractEnd"],
      message: "Escriba la fecha de terminación (aaaa-mm-dd).",
    });
  if (start && end && end <= start)
    ctx.addIssue({
      code: "custom",
      path: ["contractEnd"],
      message: "La fecha de terminación debe ser posterior a la de inicio.",
    });
}

/** Only an OPS contractor has a contract: other people keep none (and no stray text reaches a date column). */
function dropContractUnlessOps<T extends PersonFields>(value: T): T {
  if (value.vinculacion === "ops") return value;
  return { ...value, contractNumber: null, contractStart: null, contractEnd: null };
}

export const newPersonSchema = personFields.superRefine(checkPersonFields).transform(dropContractUnlessOps);

/** The staff edit: everything registration asks, plus phone and blood group, checked as in «Mis datos». */
export const editPersonSchema = personFields
  .extend({
    phone: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const phone = normalizePhone(v);
        if (phone) return phone;
        ctx.addIssue({
          code: "custom",
          message: "Escriba un celular de 10 dígitos (3001234567) o un fijo con indicativo (6027244326).",
        });
        return z.NEVER;
      }),
    bloodType: z
      .enum(["", ...BLOOD_TYPES], { error: "Elija el grupo sanguíneo y RH de la lista." })
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine(checkPersonFields)
  .transform(dropContractUnlessOps);

export type EditPersonInput = z.output<typeof editPersonSchema>;

type NewPersonForm = z.output<typeof newPersonSchema>;
type EmploymentFields = "position" | "vinculacion" | "contractNumber" | "contractStart" | "contractEnd";
/** The CLI and the demo data register people without employment details; the form always sends them. */
export type NewPersonInput = Omit<NewPersonForm, EmploymentFields> &
  Partial<Pick<NewPersonForm, EmploymentFields>>;

export const peopleQuerySchema = z.object({
  q: z.string().trim().max(80).catch(""),
  dependencia: z.string().uuid().optional().catch(undefined),
  pagina: z.coerce.number().int().min(1).max(10_000).catch(1),
});
