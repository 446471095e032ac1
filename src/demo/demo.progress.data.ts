// What the demo's offices write when they report progress on the PAAC 2022 and the PTEP 2026, what
// planeación answers, and what control interno writes at each cut: fictitious, in the words such people use.
// Activities are named by «component:code» («3:1.4» is activity 1.4 of component 3). Used by demo.progress.ts.

/** The dependencias whose people report the plans: each gets one responsable de plan (demo.responsables.ts). */
export const REPORTING_DEPENDENCIAS = [
  "Oficina de Planeación de Gestión Institucional",
  "Unidad de Atención al Ciudadano",
  "Subsecretaría de Sistemas de Información",
  "Oficina de Comunicación Social",
  "Subsecretaría de Talento Humano",
  "Unidad de Correspondencia",
  "Oficina de Archivo y Gestión Documental",
  "Secretaría de Educación",
  "Secretaría de Salud",
  "Secretaría de Tránsito y Transporte",
  "Secretaría de Hacienda",
  "Secretaría de Gobierno",
  "Secretaría de Bienestar Social",
  "Secretaría de Cultura",
  "Departamento Administrativo de Contratación Pública",
  "Oficina de Control Interno de Gestión",
] as const;

/**
 * Who reports where the roster is not loaded (a PostgreSQL install whose batches are refused, or the plans
 * test): fictitious people, one per dependencia, in the same order as above.
 */
export const STANDBY_RESPONSABLES: readonly [string, string][] = [
  ["Yolanda Patricia", "Mora Achicanoy"],
  ["Héctor Fabio", "Santacruz Burbano"],
  ["Claudia Marcela", "Eraso Pantoja"],
  ["William Andrés", "Rodríguez Yela"],
  ["Martha Cecilia", "Obando Narváez"],
  ["Julio César", "Meneses Rivas"],
  ["Adriana Lucía", "Zambrano Cabrera"],
  ["Germán Alonso", "Caicedo Luna"],
  ["Rosa Elena", "Quiñones Portilla"],
  ["Javier Orlando", "Castillo Gómez"],
  ["Lina María", "Enríquez Bastidas"],
  ["Ramiro Antonio", "Tobar Jiménez"],
  ["Sonia Esperanza", "Legarda Ortega"],
  ["Fernando José", "Arturo Montenegro"],
  ["Gladys Amparo", "Calvache Ruiz"],
  ["Édgar Mauricio", "Pabón Salazar"],
];
/** Their document numbers: 9.000.000.101 and on, beside the demo accounts and far from any issued cédula. */
export const STANDBY_DOCUMENT_BASE = 9_000_000_101;

/**
 * Activities of «Todas las dependencias» that some dependencias did report: every dependencia owes them,
 * but most never report them (OCI's follow-up shows it).
 */
export const ALL_DEPENDENCIAS_REPORTS: Record<string, readonly string[]> = {
  "1:2.2": ["Secretaría de Salud", "Secretaría de Educación"],
  "3:1.11": ["Secretaría de Salud"],
  "4:2.4": ["Secretaría de Hacienda", "Secretaría de Salud"],
};

/** What was done, in the office's words, for the activities that have their own ({plan}: «PAAC 2022», «PTEP 2026»). */
export const NARRATIVES: Record<string, string> = {
  "1:1.1":
    "Se socializó la Política de administración de riesgos de corrupción en la reunión de líderes de proceso del SGC MIPG, con asistencia de los líderes y enlaces de las dependencias.",
  "1:1.2":
    "Se evaluó la implementación de la política con base en los mapas de riesgos y los seguimientos de control interno; el informe se presentó al Comité Institucional de Gestión y Desempeño.",
  "1:2.1":
    "Se acompañó a cada proceso en la actualización de su mapa de riesgos de corrupción y se consolidaron los mapas en la matriz institucional.",
  "1:2.2":
    "La dependencia revisó sus procesos y no identificó hechos de corrupción materializados en el periodo; el informe de análisis se remitió a la OPGI.",
  "1:3.1":
    "Se consolidaron las propuestas de la ciudadanía y de las dependencias recibidas en la consulta pública y se ajustó el {plan}.",
  "1:3.2":
    "El {plan} se presentó ante el Comité Institucional de Gestión y Desempeño, que lo aprobó según consta en el acta.",
  "1:3.3":
    "El {plan} y sus anexos se publicaron en la sección Transparencia del portal web de la Alcaldía de Pasto.",
  "1:3.4":
    "Se socializaron los mapas de riesgos de corrupción en reuniones con los equipos de los procesos y por correo institucional a todos los niveles de la entidad.",
  "1:3.5":
    "Se realizó la campaña «Pasto íntegro» con piezas en carteleras y redes internas y charlas a servidores de planta y contratistas.",
  "1:3.7":
    "Se publicaron los mapas de riesgos de corrupción de todos los procesos en el portal web institucional.",
  "1:4.1":
    "Se elaboró el informe de monitoreo del cumplimiento de las actividades del plan en el periodo y se remitió a la Oficina de Control Interno.",
  "1:5.1":
    "Se realizó el seguimiento al plan y al mapa de riesgos de corrupción con corte al periodo, verificando las evidencias de cada actividad.",
  "1:5.2": "Se publicó el informe de seguimiento en el portal web dentro del plazo legal.",
  "3:1.1":
    "Se realizó la jornada de sensibilización con el equipo líder de rendición de cuentas sobre la estrategia y el Manual Único de Rendición de Cuentas.",
  "3:1.2":
    "Se capacitó a los líderes de área en la estrategia de rendición de cuentas en tres sesiones presenciales.",
  "3:1.7":
    "Se imprimió el periódico institucional «Pasto así avanza» y se distribuyó en comunas y corregimientos con apoyo de las juntas de acción comunal.",
  "3:1.8":
    "Se publicaron en Facebook, X e Instagram las piezas de información de gestión previstas en el cronograma de comunicaciones.",
  "3:1.9":
    "Se elaboró el cronograma de espacios de rendición de cuentas y se publicó en el portal web y en las redes sociales de la Alcaldía.",
  "3:1.10":
    "La secretaría formuló su informe de gestión del periodo y lo publicó en el portal web de la Alcaldía.",
  "3:2.1":
    "Se realizaron jornadas temáticas de diálogo sobre el avance del Plan de Desarrollo con organizaciones sociales, veedurías y juntas de acción comunal.",
  "3:2.2":
    "Se realizaron espacios territoriales de diálogo en comunas y corregimientos, con actas y registros de asistencia.",
  "3:2.5":
    "La Secretaría de Salud realizó su audiencia pública de rendición de cuentas en el auditorio de la entidad.",
  "3:2.8":
    "Se ajustó la estrategia de comunicación para la participación ciudadana con nuevas piezas y la transmisión en directo de los espacios de diálogo.",
  "4:1.1": "Se realizaron capacitaciones a servidores de ventanilla en atención incluyente y lenguaje claro.",
  "4:2.2":
    "Se consolidaron las sugerencias recibidas por los canales presencial, telefónico y virtual y se elaboró el informe de seguimiento.",
  "4:2.3": "Se elaboró el informe de PQRD del periodo y se socializó en el comité directivo.",
  "4:3.4":
    "Se abrieron los buzones de sugerencias con acta firmada y se tabularon las sugerencias encontradas.",
  "5:1.1":
    "Se actualizaron los ítems del menú de transparencia del portal web según el Anexo 2 de la Resolución 1519 de 2020.",
  "5:1.4": "Se publicaron las tablas de retención documental aprobadas en la sección de transparencia.",
  "5:5.2": "Se publicaron los informes mensuales de solicitudes de acceso a la información del periodo.",
  "5:5.3": "Se publicaron los informes mensuales de atención de PQRD en la sede electrónica.",
  "6:1": "Se realizaron talleres de integridad con los servidores del nivel directivo y asesor.",
  "6:3": "Se habilitó en el portal web el canal de consulta para niñas, niños y adolescentes.",
};

/** For the others: what was done, around the activity's product. */
export const DONE_TEMPLATES = [
  "La dependencia cumplió la actividad programada para el periodo. Producto: {product}",
  "Se ejecutó la actividad según lo programado; como producto se obtuvo: {product}",
  "Actividad cumplida en el periodo. Se entrega como producto: {product}",
  "Se desarrolló la actividad con el equipo de la dependencia. Producto obtenido: {product}",
];

/** Why a report falls short of 100 %. */
export const PENDING = [
  "quedó pendiente la publicación del documento final en el portal web",
  "dos dependencias reprogramaron la jornada para el siguiente periodo",
  "falta consolidar las evidencias de los corregimientos",
  "el documento está en revisión de la Oficina de Asesoría Jurídica",
  "la contratación del operador logístico se demoró y la actividad se completará en el siguiente periodo",
];

/** What control interno writes in «Observaciones», by what it found. */
export const OCI_SAYS = {
  agrees: [
    "Se verificó la evidencia aportada por la dependencia; cumple con la meta programada.",
    "Evidencia verificada en el portal web institucional. Cumple.",
    "Se revisaron las actas y los listados de asistencia aportados; la actividad se cumplió en los términos programados.",
    "Cumple. Se recomienda conservar las evidencias en el archivo de gestión de la dependencia.",
  ],
  partial: [
    "Avance parcial verificado con las evidencias aportadas; se recomienda culminar la actividad antes del próximo corte.",
    "La dependencia aportó evidencia del avance reportado; la actividad no se completó en el plazo.",
  ],
  lower: [
    "La evidencia aportada no soporta la totalidad del avance reportado; se ajusta el porcentaje al avance verificado.",
    "No se encontró la publicación en el portal web al momento de la verificación; se reconoce solo el avance documentado.",
  ],
  unreported:
    "La dependencia no reportó avance ni aportó evidencias al corte. Se recomienda adelantar la actividad y reportarla en el siguiente seguimiento.",
  returned:
    "El reporte fue devuelto por la OPGI para ajustes y no se corrigió antes del corte; no se reconoce el avance reportado.",
  underWay: [
    "Actividad en ejecución dentro del plazo programado; se verificaron avances parciales con las evidencias disponibles.",
    "Actividad en ejecución; al corte se evidencian avances parciales.",
  ],
};

/** «Actividades realizadas» where nothing was reported. */
export const OCI_REALIZED = {
  unreported: "Sin actividades reportadas al corte.",
  underWay: "Actividad en ejecución.",
};

/** Planeación returns one report of the PAAC 2022 that is never corrected (the cut closes it as it is). */
export const RETURNED_2022 = {
  key: "3:1.7",
  comment:
    "La cantidad reportada no coincide con la evidencia: la planilla adjunta solo soporta los ejemplares entregados en las comunas. Adjunte las planillas de distribución de los corregimientos o ajuste la cantidad.",
};

/** …and one that the office corrects and sends again the same week. */
export const CORRECTED_2022 = {
  key: "4:3.4",
  comment:
    "Falta el acta de apertura del buzón firmada por la Oficina de Control Interno. Adjúntela y envíe de nuevo el reporte.",
  again:
    "Se adjunta el acta de apertura del buzón firmada por la Oficina de Control Interno, como se solicitó.",
};

/** A quantity above the meta: planeación validates it and says so. */
export const OVER_META = {
  key: "3:2.1",
  extra: 2,
  comment:
    "Se valida. La cantidad supera la meta programada: se tendrá en cuenta para ajustar la meta en la próxima versión del plan.",
};

/** Planeación's return of a report of the Secretaría de Salud on the PTEP 2026 (it waits in its inbox). */
export const RETURNED_SALUD =
  "El informe adjunto corresponde a la vigencia anterior. Adjunte el informe de {year} y el enlace de su publicación en el portal web.";
