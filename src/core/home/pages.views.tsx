// Public institutional pages linked from every footer (Res. 1519 de 2020).
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";

export function PrivacyPage({ ctx, retentionDays }: { ctx: PageContext; retentionDays: number }) {
  const { entity } = ctx;
  return (
    <Layout ctx={ctx} title="Tratamiento de datos personales">
      <div class="prose">
        <h1>Política de tratamiento de datos personales</h1>
        <p class="lead">
          La {entity.name} (NIT {entity.nit}) trata en SIPAP los datos de sus servidores públicos y
          contratistas para expedir, controlar y verificar el carnet institucional, y para gestionar los
          planes y las comunicaciones internas, en cumplimiento de sus funciones legales (Ley 1581 de 2012 y
          Decreto 1377 de 2013).
        </p>
        <h2>Qué datos tratamos</h2>
        <p>
          Tipo y número de documento, nombres, dependencia, cargo u objeto del contrato, datos del contrato,
          correo institucional, teléfono, grupo sanguíneo y RH, y la fotografía del carnet. La fotografía que
          identifica a una persona es un dato sensible: se usa solo para el carnet y se guarda de forma
          privada.
        </p>
        <h2>Para qué los usamos</h2>
        <p>
          Para identificar a cada persona en el carnet, permitir su verificación pública con el mínimo de
          datos, y llevar el registro de su entrega, inhabilitación y devolución. El análisis automático de la
          foto solo revisa su calidad; nunca se usa para reconocer a nadie.
        </p>
        <h2>Cuánto tiempo guardamos las fotos</h2>
        <p>
          La foto aprobada se conserva para su carnet y sus reimpresiones hasta que se apruebe una nueva. Si
          una foto se rechaza, el archivo original que usted envió se borra {retentionDays} días después del
          rechazo; queda solo la versión recortada, como constancia del motivo. Cada borrado queda registrado
          en la auditoría de SIPAP.
        </p>
        <h2>Sus derechos</h2>
        <p>
          Usted puede conocer, actualizar y rectificar sus datos, pedir prueba de esta información y presentar
          quejas ante la Superintendencia de Industria y Comercio. Para ejercerlos, escriba a{" "}
          <a href={`mailto:${entity.supportEmail}`}>{entity.supportEmail}</a> o acérquese a {entity.address}.
        </p>
      </div>
    </Layout>
  );
}

export function AccessibilityPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Declaración de accesibilidad">
      <div class="prose">
        <h1>Declaración de accesibilidad</h1>
        <p class="lead">
          SIPAP busca cumplir las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.1, nivel AA, como
          exige la Resolución 1519 de 2020 del Ministerio de Tecnologías de la Información y las
          Comunicaciones.
        </p>
        <h2>Qué hacemos</h2>
        <ul>
          <li>Todas las páginas y formularios funcionan sin JavaScript y con el teclado.</li>
          <li>Los textos tienen un contraste de al menos 4,5 a 1 y se pueden ampliar hasta el 200 %.</li>
          <li>Cada página se revisa con herramientas automáticas de accesibilidad antes de publicarse.</li>
        </ul>
        <h2>Cómo reportar un problema</h2>
        <p>
          Si encuentra una barrera de accesibilidad, escriba a{" "}
          <a href={`mailto:${ctx.entity.supportEmail}`}>{ctx.entity.supportEmail}</a> y cuéntenos en qué
          página y qué ocurrió. Le responderemos y le daremos una alternativa mientras lo corregimos.
        </p>
      </div>
    </Layout>
  );
}

export function SitemapPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Mapa del sitio">
      <div class="prose">
        <h1>Mapa del sitio</h1>
        <ul>
          <li>
            <a href="/">Inicio</a>
          </li>
          <li>
            <a href="/ingresar">Ingresar</a>
          </li>
          <li>
            <a href="/verificar">Verificar un carnet</a>
          </li>
          <li>
            <a href="/privacidad">Política de tratamiento de datos personales</a>
          </li>
          <li>
            <a href="/accesibilidad">Declaración de accesibilidad</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}
