import { Hono } from "hono";
import sharp from "sharp";
import { getBuffer } from "../../core/storage/storage.types.ts";
import { mount } from "../../shared/auth/guard.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { type AppContext, type AppEnv, clientIp } from "../../shared/http.ts";
import { addressBucket, hitRateLimit } from "../../shared/rate-limit.ts";
import { pageContext } from "../../shared/views/page.ts";
import { normalizeCardCode } from "../cards/cards.rules.ts";
import { publishedKeys, verifyCard } from "./verification.service.ts";
import { VerdictPage, VerifyFormPage } from "./verification.views.tsx";

/** Per address, against walking through codes; counted in the database, so shared by every instance. */
async function checkRate(c: AppContext) {
  const { config, clock, database } = c.var.deps;
  const allowed = await hitRateLimit(
    database.db,
    `verify:${addressBucket(clientIp(c))}`,
    clock.now(),
    config.verification.ratePerMinute,
    60_000,
  );
  if (!allowed)
    throw new AppError(
      "verify.rate_limited",
      429,
      "Hizo muchas consultas seguidas. Espere un minuto e intente de nuevo.",
    );
}

async function showVerdict(c: AppContext) {
  await checkRate(c);
  const raw = c.req.param("code") ?? "";
  const code = normalizeCardCode(raw);
  // A code typed in lower case or with spaces is forgiven: the canonical address is upper case.
  if (code && code !== raw) return c.redirect(`/verificar/${code}`, 301);
  const checkedAt = c.var.deps.clock.now();
  const found = code ? await verifyCard(c.var.deps.database.db, checkedAt, code) : undefined;
  const { showPhoto } = c.var.deps.config.verification;
  c.header("Cache-Control", "no-store");
  c.header("X-Robots-Tag", "noindex");
  return c.html(
    <VerdictPage
      ctx={pageContext(c)}
      code={code ?? ""}
      checkedAt={checkedAt}
      result={found && { ...found, showPhoto: showPhoto && Boolean(found.portraitKey) }}
    />,
    found ? 200 : 404,
  );
}

export function verificationRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "verify.form", (c) => {
    const typed = c.req.query("codigo");
    if (typed === undefined) return c.html(<VerifyFormPage ctx={pageContext(c)} />);
    const code = normalizeCardCode(typed);
    if (!code) return c.html(<VerifyFormPage ctx={pageContext(c)} invalid />, 422);
    return c.redirect(`/verificar/${code}`, 303);
  });

  mount(app, "verify.show", showVerdict);
  // The QR holds an upper-case URL (a smaller QR in alphanumeric mode): the same page answers it.
  mount(app, "verify.qr", showVerdict);

  mount(app, "verify.photo", async (c) => {
    await checkRate(c);
    const { database, clock, storage, config } = c.var.deps;
    const code = normalizeCardCode(c.req.param("code") ?? "");
    const found =
      code && config.verification.showPhoto ? await verifyCard(database.db, clock.now(), code) : undefined;
    const portrait = found?.portraitKey ? await getBuffer(storage, found.portraitKey) : undefined;
    if (!portrait) throw notFound("La foto");
    const small = await sharp(portrait).resize(120, 160).jpeg({ quality: 80 }).toBuffer();
    c.header("Content-Type", "image/jpeg");
    c.header("Cache-Control", "no-store");
    return c.body(new Uint8Array(small));
  });

  mount(app, "verify.keys", async (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.json(await publishedKeys(c.var.deps.database.db));
  });

  return app;
}
