// The photos of the last days, through the real photo and review services: the review queue (a few photos
// that failed an automatic check, sent with the person's explanation), rejected photos with their reason
// (and the e-mail that told the person), and drafts never sent.
import type { CheckedPhoto } from "../carnetizacion/photos/photos.service.ts";
import { savePhoto, submitDraft } from "../carnetizacion/photos/photos.service.ts";
import { rejectPhoto } from "../carnetizacion/review/review.service.ts";
import { actingAs, type Cast, type DemoContext, timeline } from "./demo.story.ts";

const EXPLANATIONS = [
  "En mi casa no hay una pared blanca; me tomé la foto contra la pared más clara que encontré.",
  "La tomé al final de la tarde y había poca luz. Si no sirve, paso por la oficina de Sistemas.",
  "Es la mejor que pude tomar con el celular. Puedo acercarme a la oficina si hace falta.",
];

// Reasons from the standard list (migration 0005) plus the operator's note, as the review page joins them.
const REJECTIONS: { reason: string; failing?: "grayscale" | "blurred" | "dark" }[] = [
  { reason: "Blanco y negro. Envíe una foto a color", failing: "grayscale" },
  { reason: "Foto borrosa u oscura. La cara no se distingue bien", failing: "blurred" },
  { reason: "Foto tipo selfie. Pida a otra persona que le tome la foto a la altura de los ojos" },
  { reason: "Accesorios u objetos (gafas oscuras, gorra, audífonos)" },
  { reason: "No es reciente. La foto debe ser de los últimos seis meses" },
  { reason: "Foto borrosa u oscura", failing: "dark" },
];

export async function tellRecentPhotos(ctx: DemoContext, cast: Cast) {
  const { ago } = timeline(ctx.now);
  const operator = cast.operators[1] ?? cast.operators[0];
  if (!operator) throw new Error("the demo needs an SSI operator");
  const good = (i: number) => ctx.photos.good[i % ctx.photos.good.length] as CheckedPhoto;
  const upload = (personId: string, photo: CheckedPhoto, at: Date) =>
    savePhoto(ctx.db, ctx.storage, at, actingAs({ id: personId }), personId, photo);

  // Rejected: some failed a check and were sent anyway, others pass every automatic check but a person
  // sees what the checks cannot (a selfie, sunglasses, an old photo).
  const rejected = [
    ...(cast.byProfile.get("rechazada") ?? []),
    ...(cast.byProfile.get("rechazada_y_nueva") ?? []),
  ];
  for (const [i, person] of rejected.entries()) {
    const rule = REJECTIONS[i % REJECTIONS.length] ?? { reason: "No es reciente" };
    const sentAt = ago(12 - (i % 6), 8 + (i % 9));
    const photo = await upload(person.id, rule.failing ? ctx.photos.failing[rule.failing] : good(i), sentAt);
    if (photo.state === "borrador")
      await submitDraft(
        ctx.db,
        new Date(sentAt.getTime() + 120_000),
        actingAs(person),
        person.id,
        EXPLANATIONS[i % EXPLANATIONS.length] as string,
      );
    await rejectPhoto(ctx.db, ago(11 - (i % 6), 14), actingAs(operator), ctx.config, photo.id, rule.reason);
  }
  // Some of them already sent a new photo, now waiting in the queue.
  for (const [i, person] of (cast.byProfile.get("rechazada_y_nueva") ?? []).entries())
    await upload(person.id, good(i + 3), ago(3, 9 + i));

  // The queue: oldest first, spread over the last four days.
  for (const [i, person] of (cast.byProfile.get("en_revision") ?? []).entries())
    await upload(person.id, good(i), ago(4 - (i % 5), 7 + (i % 11)));
  // Photos that failed a check, sent with the person's explanation for the operator to judge.
  const failing = [
    ctx.photos.failing["grey-backdrop"],
    ctx.photos.failing.dark,
    ctx.photos.failing["grey-backdrop"],
  ];
  for (const [i, person] of (cast.byProfile.get("con_explicacion") ?? []).entries()) {
    const at = ago(2 - (i % 3), 10 + i);
    await upload(person.id, failing[i % failing.length] as CheckedPhoto, at);
    await submitDraft(
      ctx.db,
      new Date(at.getTime() + 180_000),
      actingAs(person),
      person.id,
      EXPLANATIONS[i % EXPLANATIONS.length] as string,
    );
  }
  // Drafts: a photo that failed a check, not sent (the person sees what to fix on «Mi foto»).
  for (const [i, person] of (cast.byProfile.get("borrador") ?? []).entries())
    await upload(person.id, i % 2 ? ctx.photos.failing.grayscale : ctx.photos.failing.blurred, ago(1, 19));
}
