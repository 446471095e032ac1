// Components 5 and 6 of the PAAC 2022 Anexo 1 as kept in the spreadsheet (see paac-2022.rows.ts).
import type { PaacComponent } from "./paac-2022.rows.ts";

export const COMPONENT_5: PaacComponent = {
  heading: "Componente 5: Transparencia y acceso a la información",
  withSubcomponents: true,
  rows: [
    {
      subcomponent: "Subcomponente 1. Lineamientos de transparencia activa.",
      activity:
        "1.1 Actualizar el espacio de transparencia  y acceso a la información pública en la sede electrónica acorde a los lineamientos del Anexo 2 de la resolución 1519 del 2020 del MINTIC.",
      product:
        "Espacio de transparencia y acceso a la información pública actualizado acorde al anexo 2 de la resolución 1519 de 2020 del MINTIC.",
      meta: "Al menos un 90% de los ítems del anexo de la resolución 1519 del 2020 del MINTIC implementados en sede electrónica.",
      responsable: "SSI",
      start: "01/01/2022",
      end: "31/12/2022",
    },
    {
      responsable: "Dependencias responsables de suministro de información para publicar en sede electrónica",
    },
    {
      activity:
        "1.2 Realizar seguimiento a la publicación de información y aplicación de la resolución 1519 de 2020 de MINTIC en portales web alternos de la entidad.",
      product: "Informe seguimiento portales web alternos y aplicación resolución 1519 de 2020 del MINTIC.",
      meta: "Al menos 1 informe de seguimiento.",
      responsable: "SSI",
      start: "01/03/2022",
      end: "31/12/2022",
    },
    { responsable: "Dependencias administradoras de portales web alternos" },
    {
      activity:
        "1.3 Desarrollar campaña de comunicación interna para promover  conductas contra la corrupción en la administración y fomentar la denuncia de los mismos.",
      product: "Campaña de lucha contra la corrupción desarrollada internamente.",
      meta: "Una campaña de lucha contra la corrupción desarrollada internamente.",
      responsable: "Oficina de Comunicación Social",
      start: "01/03/2022",
      end: "01/11/2022",
    },
    { responsable: "Secretaria de Cultura" },
    { responsable: "OPGI" },
    { responsable: "SSI" },
    {
      subcomponent: "Subcomponente 1. Lineamientos de transparencia activa.",
      activity:
        "1.4 Publicar tablas de retención documental aprobadas en espacio de transparencia y acceso a la información pública.",
      product: "Tablas de retención documental aprobadas y publicadas.",
      meta: "Un documento correspondiente a tablas de retención documental publicadas en sede electrónica.",
      responsable: "Oficina de Archivo y Gestión Documental",
      start: "01/03/2022",
      end: "01/06/2022",
      pageBreak: true,
    },
    {
      activity: "1.5 Implementar un mecanismo para pedir citas de atención presencial o virtual.",
      product: "Mecanismo virtual para solicitud de citas de atención presencial o virtual.",
      meta: "Un formulario en línea para solicitud de agendamiento de citas para atención presencial o virtual.",
      responsable: "SSI",
      start: "01/03/2022",
      end: "31/12/2022",
    },
    { responsable: "Todas las dependencias" },
    {
      activity:
        "1.6 Mejorar la relación de la información financiera, contractual, proyectos y plan de desarrollo publicada en la sede electrónica.",
      product:
        "Hoja de ruta que describa las actividades necesarias para mejorar la relación de la información financiera, contractual, proyectos y plan desarrollo que se publica en la sede electrónica.",
      meta: "Una hoja de ruta formulada.",
      responsable: "SSI",
      start: "01/03/2022",
      end: "01/04/2022",
    },
    { responsable: "Secretaría de Hacienda Municipal" },
    { responsable: "Departamento Administrativo de Contratación Pública" },
    { responsable: "OPGI" },
    {
      repeatHeader: true,
      subcomponent: "Subcomponente 1. Lineamientos de transparencia activa.",
      activity:
        "1.7 Implementar hoja de ruta para mejoramiento de la relación de la publicación financiera, contractual, proyectos y plan de desarrollo publicada en la sede electrónica.",
      product:
        "Informe de avance de implementación de hoja de ruta para mejoramiento de la relación de la publicación financiera, contractual, proyectos y plan de desarrollo publicada en la sede electrónica.",
      meta: "Al menos un 50% de avance.",
      responsable: "SSI",
      start: "01/05/2022",
      end: "31/12/2022",
      pageBreak: true,
    },
    { responsable: "Secretaría de Hacienda Municipal" },
    { responsable: "Departamento Administrativo de Contratación Pública" },
    { responsable: "OPGI" },
    {
      subcomponent: "Subcomponente 1. Lineamientos de transparencia activa.",
      activity: "1.8 Publicar calendario de actividades dirigidas a la comunidad en sede electrónica.",
      product:
        "Publicaciones realizadas en sede electrónica relacionada con calendario de actividades dirigidas a la comunidad.",
      meta: "Al menos 95% de las actividades dirigidas a la comunidad publicadas en calendario de eventos de la sede electrónica institucional.",
      responsable: "Todas las Secretarías y Direcciones ",
      start: "01/02/2022",
      end: "31/12/2022",
      pageBreak: true,
    },
    { responsable: "OPGI" },
    {
      subcomponent: "Subcomponente 1. Lineamientos de transparencia activa.",
      activity:
        "1.9 Identificar iniciativas relacionadas con transparencia y acceso a la información pública y lucha contra la corrupción que se hayan implementado en otros municipios o regiones con buenos resultados y que puedan ser implementadas en la entidad.",
      product:
        "Iniciativas relacionadas con transparencia y lucha contra la corrupción identificadas en otras regiones o municipios que puedan ser implementa das en la entidad.",
      meta: "Informe de Iniciativas relacionadas con transparencia y lucha contra la corrupción identificadas en otras regiones o municipios que puedan ser implementadas en la entidad.",
      responsable: "SSI",
      start: "01/04/2022",
      end: "01/07/2022",
      pageBreak: true,
    },
    {
      activity:
        "1.10 Formular una política institucional de transparencia y acceso a la información pública y lucha contra la corrupción.",
      product:
        "Acto administrativo de adopción de una política institucional de transparencia y acceso a la información pública y lucha contra la corrupción.",
      meta: "Un acto administrativo de adopción de una política institucional de transparencia y acceso a la información pública y lucha contra la corrupción.",
      responsable: "SSI ",
      start: "01/06/2022",
      end: "01/08/2022",
    },
    { responsable: "Oficina de Asesoría Jurídica" },
    {
      subcomponent: "Subcomponente 2. Lineamientos de transparencia pasiva.",
      activity:
        "2.1 Identificar peticiones de información frecuentes en registros de peticiones e incluirlas como preguntas frecuentes en sede electrónica.",
      product: "Espacio de preguntas frecuentes actualizado.",
      meta: "Al menos 10 nuevas preguntas frecuentes identificadas.",
      responsable: "UAC",
      start: "01/02/2022",
      end: "01/12/2022",
    },
    { responsable: "SSI" },
    {
      activity:
        "2.2 Promover al interior y exterior de la entidad los canales de comunicación administrador por la Unidad de Correspondencia como los únicos habilitados para la radicación de PQRD para toda la Alcaldía de Pasto.",
      product:
        "Canales de comunicación administrador por la Unidad de Correspondencia fortalecidos como únicos medios habilitados para la recepción de PQRD en la entidad",
      meta: "Al menos 2 actividades de promoción de los canales de comunicación administrador por la Unidad de Correspondencia como canales únicos de registro de PQRD",
      responsable: "Unidad de Correspondencia",
      start: "01/02/2022",
      end: "01/06/2022",
    },
    { responsable: "SSI" },
    {
      subcomponent: "Subcomponente 3. Elaboración de instrumentos de gestión de la información.",
      activity: "3.1 Actualizar instrumentos de información pública.",
      product: "Instrumentos de gestión de información pública aprobados y publicados.",
      meta: "Un documento correspondiente a instrumentos de información pública actualizado y publicado en sede electrónica.",
      responsable: "Oficina de Archivo y Gestión Documental ",
      start: "01/06/2022",
      end: "01/11/2022",
    },
    { responsable: "SSI" },
    {
      subcomponent: "Subcomponente 4. Criterio diferencial de accesibilidad.",
      activity: "4.1  Implementar ítems del Anexo 1 de la Resolución 1519 de 2020 de MINTIC.",
      product: "Anexo 1 de la resolución 1519 de 2020 del MINTIC implementado en la entidad.",
      meta: "Al menos 70% de los ítems del anexo 1 de la Resolución 1519 de 2020 implementados en la entidad.",
      responsable: "SSI ",
      start: "01/02/2022",
      end: "31/12/2022",
    },
    { responsable: "Todas las dependencias" },
    {
      subcomponent: "Subcomponente 5. Monitoreo del acceso a información pública.",
      activity:
        "5.1  Establecer mecanismo de medición de actualización de información en espacio de transparencia y acceso a la información en sede electrónica.",
      product:
        "Mecanismo de medición de actualización de información en espacio de transparencia y acceso a la información pública en la sede electrónica establecido.",
      meta: "Un instrumento de medición de actualización de información en espacio de transparencia y acceso a la información pública en la sede electrónica establecido.",
      responsable: "SSI",
      start: "01/02/2022",
      end: "01/04/2022",
    },
    {
      subcomponent: "Subcomponente 5. Monitoreo del acceso a información pública.",
      activity: "5.2 Publicar mensualmente el informe de solicitudes de acceso a información.",
      product: "Informes de solicitud de acceso a la información publicados en sede electrónica.",
      meta: "12 informes publicados en sede electrónica.",
      responsable: "Unidad de Correspondencia",
      start: "01/01/2022",
      end: "01/12/2022",
      pageBreak: true,
    },
    {
      activity: "5.3 Publicar mensualmente informe de atención de PQRD.",
      product: "Informes de PQRD publicados en sede electrónica.",
      meta: "12 informes publicados en sede electrónica.",
      responsable: "Unidad de Correspondencia",
      start: "01/01/2022",
      end: "01/12/2022",
    },
    { responsable: "Unidad de Atención al Ciudadano" },
    { responsable: "SSI" },
  ],
};

export const COMPONENT_6: PaacComponent = {
  heading: "Componente 6: Iniciativas adicionales",
  withSubcomponents: false,
  rows: [
    {
      activity:
        "1. Empoderar a todos los niveles de la Administración Municipal en el código de integridad, la ética y los valores. ",
      product:
        "Niveles de la Administración Municipal apropiados del Código de integridad, la ética y los valores.",
      meta: "Al menos 1 nivel de la Administración Municipal empoderado.",
      responsable: "Subsecretaría de Talento Humano",
      start: "01/02/2022",
      end: "30/11/2022",
    },
    {
      activity:
        "2. Desarrollar talleres de sensibilización en lenguaje incluyente y con enfoque de género en la Administración Central.",
      product:
        "Talleres de sensibilización  en lenguaje incluyente y con enfoque de género desarrollados en la administración central.",
      meta: "Al menos el 50% de la Administración Central sensibilizada.",
      responsable: "Secretaría de MOSIG",
      start: "01/02/2022",
      end: "30/11/2022",
    },
    {
      activity:
        "3. Implementar canales tecnológicos de consulta y opinión adecuados para niñas, niños y adolescentes.",
      product:
        "Canales tecnológicos de consulta y opinión adecuados para niñas, niños y adolescentes implementados.",
      meta: "Al menos 1 Canal tecnológico para niñas, niños y adolescentes implementado. ",
      responsable: "Subsecretaría de Sistemas de Información",
      start: "01/02/2022",
      end: "30/11/2022",
    },
    {
      activity:
        "4. Difundir y socializar a la ciudadanía, el Portafolio de Trámites y Servicios de la Alcaldía de Pasto. ",
      product: "Portafolio de trámites y servicios Difundido y socializado a la ciudadanía.",
      meta: "Al menos 6 procesos con trámites y servicios difundidos. ",
      responsable: "Todos los procesos que ofrecen trámites",
      start: "1/02/2022",
      end: "30/11/2022",
    },
    { responsable: "OPGI" },
    { responsable: "Oficina de Comunicación Social" },
  ],
};
