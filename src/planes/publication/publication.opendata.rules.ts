// The documented schema of the open data (CSV and JSON) of a published plan: the page
// /transparencia/datos-abiertos prints these lists, the exports write exactly these fields, and the tests
// read the files back against them. Change a field here and in publication.exports.ts together. The
// examples are not written here: they are read from the example plan's own files (publication.exports.ts
// documentedFields), so they cannot drift from what the files hold.

export interface FieldSpec {
  name: string;
  type: string;
  description: string;
}

/** A field with its example: the value it has in the example plan's file. */
export interface FieldDoc extends FieldSpec {
  example: string;
}

// One field a line: name | type | description.
const parseFields = (table: string): FieldSpec[] =>
  table
    .trim()
    .split("\n")
    .map((line) => {
      const [name = "", type = "", description = ""] = line.split(" | ");
      return { name: name.trim(), type, description: description.trim() };
    });

/** One CSV row per activity and period, flat, the way datos.gov.co loads a table. */
export const CSV_FIELDS: readonly FieldSpec[] = parseFields(`
plan | texto | Título del plan.
vigencia | número entero | Año del plan.
version | número entero | Versión publicada del plan (1, 2…).
fecha_publicacion | fecha (AAAA-MM-DD) | Día en que se publicó esta versión (hora de Colombia).
tipo | texto | Tipo de plan.
nivel_1_nombre | texto | Nombre del primer nivel en este tipo de plan.
nivel_1_codigo | texto | Número del elemento del primer nivel; vacío si no tiene.
nivel_1_texto | texto | Texto del elemento del primer nivel.
nivel_2_nombre | texto | Nombre del segundo nivel.
nivel_2_codigo | texto | Número del elemento del segundo nivel; vacío si la actividad no tiene uno.
nivel_2_texto | texto | Texto del elemento del segundo nivel; vacío si la actividad no tiene uno.
nivel_3_nombre | texto | Nombre del tercer nivel (la actividad o tarea).
nivel_3_codigo | texto | Código de la actividad, como en el plan.
nivel_3_texto | texto | Texto de la actividad.
producto | texto | Producto esperado.
meta | texto | Meta, como la escribió la oficina.
meta_cantidad | número (punto decimal) | Cantidad de la meta, cuando el texto la trae; vacío si no.
meta_unidad | texto | Unidad de la meta («%», «informes»…); vacío si no la trae.
evidencia | texto | Evidencia esperada (planes de acción y matrices); vacío si el plan no la pide.
nota | texto | Nota de un elemento que solo remite a otro documento; vacío si no hay.
responsables | texto (lista separada por «; ») | Dependencias responsables, con su nombre oficial.
responsables_como_escritos | texto (lista separada por «; ») | Los responsables tal como aparecen en el plan.
inicio | fecha (AAAA-MM-DD) | Inicio del periodo; vacío si la fecha del plan no existe en el calendario.
fin | fecha (AAAA-MM-DD) | Fin del periodo; vacío si la fecha del plan no existe en el calendario.
fecha_como_escrita | texto | El periodo tal como lo escribió la oficina, solo cuando una de sus fechas no existe.
`);

export const CSV_HEADER: readonly string[] = CSV_FIELDS.map((field) => field.name);

/** Every field of the JSON document, by its path («items[].periods[].start»). */
export const JSON_FIELDS: readonly FieldSpec[] = parseFields(`
schema | texto (URL) | Dirección de esta página, que documenta el formato.
entity | texto | Entidad que publica el plan.
plan.slug | texto | Identificador estable del plan en la dirección web; no cambia nunca.
plan.url | texto (URL) | Página pública de esta versión.
plan.title | texto | Título del plan.
plan.year | número entero | Vigencia (año).
plan.type.key | texto | Clave del tipo de plan: paac, accion, mejoramiento u otra que defina la entidad.
plan.type.name | texto | Nombre del tipo de plan.
plan.type.shape | texto | Forma del plan: «paac» (componente, subcomponente, actividad) o «matriz» (actividad de gestión, alternativa, tarea).
plan.type.levelNames | lista de 3 textos | Nombres de los tres niveles, del más general al más detallado.
plan.owner | texto | Dependencia dueña del plan.
plan.status | texto | «vigente» o «vigencia_cerrada».
plan.version | número entero | Número de esta versión.
plan.reason | texto | Por qué existe esta versión («Versión inicial» en la primera).
plan.approval | objeto o null | Aprobación de esta versión: comité (committee), acta (act) y fecha (date, AAAA-MM-DD).
plan.publishedAt | fecha y hora (ISO 8601, UTC) | Momento de la publicación de esta versión.
items[] | lista | Los elementos del primer nivel; cada uno trae los de abajo en children.
items[].level | número entero (1 a 3) | Nivel del elemento.
items[].key | texto | Identidad del elemento entre versiones del mismo plan.
items[].code | texto o null | Número o código, como en el plan.
items[].text | texto | Texto del elemento.
items[].product | texto o null | Producto esperado.
items[].meta | texto o null | Meta, como la escribió la oficina.
items[].metaQuantity | número o null | Cantidad de la meta, cuando el texto la trae.
items[].metaUnit | texto o null | Unidad de la meta.
items[].evidence | texto o null | Evidencia esperada.
items[].note | texto o null | Nota de un elemento que solo remite a otro documento.
items[].weight | número o null | Peso del elemento, si el plan lo da.
items[].responsables[] | lista | Responsables de una actividad, uno por texto del plan.
items[].responsables[].written | texto | Como aparece en el plan.
items[].responsables[].names | lista de textos | Dependencias (o «Todas las dependencias», o un equipo) a que corresponde.
items[].periods[] | lista | Periodos de ejecución de una actividad.
items[].periods[].start | fecha (AAAA-MM-DD) o null | Inicio; null si la fecha del plan no existe.
items[].periods[].end | fecha (AAAA-MM-DD) o null | Fin; null si la fecha del plan no existe.
items[].periods[].written | texto o null | El periodo como lo escribió la oficina, solo cuando una fecha no existe.
items[].children | lista | Elementos del nivel siguiente, con los mismos campos.
versions[] | lista | Todas las versiones hasta esta.
versions[].number | número entero | Número de la versión.
versions[].reason | texto | Motivo de la versión.
versions[].approvedOn | fecha (AAAA-MM-DD) o null | Día de la aprobación.
versions[].publishedAt | fecha y hora (ISO 8601) o null | Momento de la publicación.
changes[] | lista | Registro de cambios de las versiones 2 en adelante.
changes[].version | número entero | Versión en que se hizo el cambio.
changes[].kind | texto | «agregada», «modificada» o «eliminada».
changes[].code | texto o null | Código del elemento cambiado.
changes[].label | texto | Texto del elemento cambiado.
changes[].fields | objeto | Por cada campo cambiado, [antes, después] como texto (null si no había).
changes[].at | fecha y hora (ISO 8601) | Momento del cambio.
`);

/** The formatting rules of both files, as the page states them. */
export const OPEN_DATA_FORMAT: readonly { label: string; rule: string }[] = [
  {
    label: "Codificación",
    rule: "UTF-8; el CSV empieza con la marca BOM para que Excel muestre bien las tildes.",
  },
  { label: "Separador", rule: "Coma (,). Cada línea termina en CRLF." },
  {
    label: "Comillas",
    rule: "RFC 4180: un valor con coma, comillas o salto de línea va entre comillas dobles; una comilla dentro del valor se escribe doble.",
  },
  {
    label: "Fechas",
    rule: "ISO 8601: AAAA-MM-DD para días; AAAA-MM-DDTHH:MM:SS.sssZ (hora UTC) para momentos.",
  },
  { label: "Números", rule: "Punto decimal, sin separador de miles." },
  {
    label: "Fórmulas",
    rule: "En el CSV, un texto que empieza con =, +, - o @ lleva antes un apóstrofo (') para que ninguna hoja de cálculo lo ejecute como fórmula; también lo lleva cada =, +, - o @ que sigue a un punto y coma o a un salto de línea dentro del texto, porque Excel en español puede partir el valor por ahí. El JSON y el Excel (.xlsx) traen el texto tal cual.",
  },
];
