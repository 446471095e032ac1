// The documented schema of the open data (CSV and JSON) of a published plan: the page
// /transparencia/datos-abiertos prints these lists, the exports write exactly these fields, and the tests
// read the files back against them. Change a field here and in publication.exports.ts together.

export interface FieldDoc {
  name: string;
  type: string;
  description: string;
  example: string;
}

// One field a line: name | type | description | example (an empty example is a value left empty).
const parseFields = (table: string): FieldDoc[] =>
  table
    .trim()
    .split("\n")
    .map((line) => {
      const [name = "", type = "", description = "", example = ""] = line.split(" | ");
      return { name: name.trim(), type, description, example: example.trim() };
    });

/** One CSV row per activity and period, flat, the way datos.gov.co loads a table. */
export const CSV_FIELDS: readonly FieldDoc[] = parseFields(`
plan | texto | Título del plan. | Plan Anticorrupción y de Atención al Ciudadano 2022
vigencia | número entero | Año del plan. | 2022
version | número entero | Versión publicada del plan (1, 2…). | 2
fecha_publicacion | fecha (AAAA-MM-DD) | Día en que se publicó esta versión (hora de Colombia). | 2022-01-31
tipo | texto | Tipo de plan. | Plan Anticorrupción y de Atención al Ciudadano (PAAC) – Programa de Transparencia y Ética Pública (PTEP)
nivel_1_nombre | texto | Nombre del primer nivel en este tipo de plan. | Componente
nivel_1_codigo | texto | Número del elemento del primer nivel; vacío si no tiene. | 1
nivel_1_texto | texto | Texto del elemento del primer nivel. | Gestión del riesgo de corrupción – Mapa de riesgos de corrupción
nivel_2_nombre | texto | Nombre del segundo nivel. | Subcomponente
nivel_2_codigo | texto | Número del elemento del segundo nivel; vacío si la actividad no tiene uno. | 5
nivel_2_texto | texto | Texto del elemento del segundo nivel; vacío si la actividad no tiene uno. | Seguimiento
nivel_3_nombre | texto | Nombre del tercer nivel (la actividad o tarea). | Actividad
nivel_3_codigo | texto | Código de la actividad, como en el plan. | 5.1
nivel_3_texto | texto | Texto de la actividad. | Realizar seguimiento al PAAC incluyendo el mapa de riesgos de corrupción.
producto | texto | Producto esperado. | Informes de seguimiento de PAAC y riesgos de corrupción.
meta | texto | Meta, como la escribió la oficina. | 3 informes de seguimiento de PAAC y mapa de riesgos de corrupción.
meta_cantidad | número (punto decimal) | Cantidad de la meta, cuando el texto la trae; vacío si no. | 3
meta_unidad | texto | Unidad de la meta («%», «informes»…); vacío si no la trae. | informes de seguimiento
evidencia | texto | Evidencia esperada (planes de acción y matrices); vacío si el plan no la pide. | Acta de reunión
nota | texto | Nota de un elemento que solo remite a otro documento; vacío si no hay. | Ver documento anexo «Estrategia de racionalización de trámites 2022»
responsables | texto (lista separada por «; ») | Dependencias responsables, con su nombre oficial. | Oficina de Control Interno de Gestión – OCI
responsables_como_escritos | texto (lista separada por «; ») | Los responsables tal como aparecen en el plan. | Oficina de Control Interno de Gestión
inicio | fecha (AAAA-MM-DD) | Inicio del periodo; vacío si la fecha del plan no existe en el calendario. | 2022-04-01
fin | fecha (AAAA-MM-DD) | Fin del periodo; vacío si la fecha del plan no existe en el calendario. | 2022-04-30
fecha_como_escrita | texto | El periodo tal como lo escribió la oficina, solo cuando una de sus fechas no existe. | 1/04/2022 - 31/04/2022
`);

export const CSV_HEADER: readonly string[] = CSV_FIELDS.map((field) => field.name);

/** Every field of the JSON document, by its path («items[].periods[].start»). */
export const JSON_FIELDS: readonly FieldDoc[] = parseFields(`
schema | texto (URL) | Dirección de esta página, que documenta el formato. | https://…/transparencia/datos-abiertos
entity | texto | Entidad que publica el plan. | Alcaldía de Pasto
plan.slug | texto | Identificador estable del plan en la dirección web; no cambia nunca. | paac-2022
plan.url | texto (URL) | Página pública de esta versión. | https://…/transparencia/planes/paac-2022/version/2
plan.title | texto | Título del plan. | Plan Anticorrupción y de Atención al Ciudadano 2022
plan.year | número entero | Vigencia (año). | 2022
plan.type.key | texto | Clave del tipo de plan: paac, accion, mejoramiento u otra que defina la entidad. | paac
plan.type.name | texto | Nombre del tipo de plan. | Plan Anticorrupción y de Atención al Ciudadano (PAAC) – …
plan.type.shape | texto | Forma del plan: «paac» (componente, subcomponente, actividad) o «matriz» (actividad de gestión, alternativa, tarea). | paac
plan.type.levelNames | lista de 3 textos | Nombres de los tres niveles, del más general al más detallado. | ["Componente", "Subcomponente", "Actividad"]
plan.owner | texto | Dependencia dueña del plan. | Oficina de Planeación de Gestión Institucional – OPGI
plan.status | texto | «vigente» o «vigencia_cerrada». | vigente
plan.version | número entero | Número de esta versión. | 2
plan.reason | texto | Por qué existe esta versión («Versión inicial» en la primera). | Ajuste de fechas del componente 1
plan.approval | objeto o null | Aprobación de esta versión: comité (committee), acta (act) y fecha (date, AAAA-MM-DD). | {"committee": "Comité Institucional de Gestión y Desempeño", "act": "Acta 01", "date": "2022-01-28"}
plan.publishedAt | fecha y hora (ISO 8601, UTC) | Momento de la publicación de esta versión. | 2022-01-31T15:00:00.000Z
items[] | lista | Los elementos del primer nivel; cada uno trae los de abajo en children. | [{…}]
items[].level | número entero (1 a 3) | Nivel del elemento. | 3
items[].key | texto | Identidad del elemento entre versiones del mismo plan. | c1/s5/5.1
items[].code | texto o null | Número o código, como en el plan. | 5.1
items[].text | texto | Texto del elemento. | Realizar seguimiento al PAAC…
items[].product | texto o null | Producto esperado. | Informes de seguimiento…
items[].meta | texto o null | Meta, como la escribió la oficina. | 3 informes de seguimiento…
items[].metaQuantity | número o null | Cantidad de la meta, cuando el texto la trae. | 3
items[].metaUnit | texto o null | Unidad de la meta. | informes de seguimiento
items[].evidence | texto o null | Evidencia esperada. | null
items[].note | texto o null | Nota de un elemento que solo remite a otro documento. | null
items[].weight | número o null | Peso del elemento, si el plan lo da. | null
items[].responsables[] | lista | Responsables de una actividad, uno por texto del plan. | [{…}]
items[].responsables[].written | texto | Como aparece en el plan. | OPGI.
items[].responsables[].names | lista de textos | Dependencias (o «Todas las dependencias», o un equipo) a que corresponde. | ["Oficina de Planeación de Gestión Institucional – OPGI"]
items[].periods[] | lista | Periodos de ejecución de una actividad. | [{…}]
items[].periods[].start | fecha (AAAA-MM-DD) o null | Inicio; null si la fecha del plan no existe. | 2022-04-01
items[].periods[].end | fecha (AAAA-MM-DD) o null | Fin; null si la fecha del plan no existe. | null
items[].periods[].written | texto o null | El periodo como lo escribió la oficina, solo cuando una fecha no existe. | 1/04/2022 - 31/04/2022
items[].children | lista | Elementos del nivel siguiente, con los mismos campos. | [{…}]
versions[] | lista | Todas las versiones hasta esta. | [{…}]
versions[].number | número entero | Número de la versión. | 1
versions[].reason | texto | Motivo de la versión. | Versión inicial
versions[].approvedOn | fecha (AAAA-MM-DD) o null | Día de la aprobación. | 2022-01-28
versions[].publishedAt | fecha y hora (ISO 8601) o null | Momento de la publicación. | 2022-01-31T15:00:00.000Z
changes[] | lista | Registro de cambios de las versiones 2 en adelante. | [{…}]
changes[].version | número entero | Versión en que se hizo el cambio. | 2
changes[].kind | texto | «agregada», «modificada» o «eliminada». | modificada
changes[].code | texto o null | Código del elemento cambiado. | 5.1
changes[].label | texto | Texto del elemento cambiado. | Realizar seguimiento al PAAC…
changes[].fields | objeto | Por cada campo cambiado, [antes, después] como texto (null si no había). | {"periods": ["01/04/2022 – 30/04/2022", "01/05/2022 – 31/05/2022"]}
changes[].at | fecha y hora (ISO 8601) | Momento del cambio. | 2022-03-15T14:20:00.000Z
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
