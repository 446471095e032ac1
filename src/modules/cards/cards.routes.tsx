import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { type AppEnv, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { findLatestPhoto, photoTimeline } from "../photos/photos.service.ts";
import { cardTimeline, findLatestCard } from "./cards.service.ts";
import { CardPage } from "./cards.views.tsx";

export function cardsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "card.page", async (c) => {
    const db = c.var.deps.database.db;
    const personId = requireUser(c).id;
    const card = await findLatestCard(db, personId);
    const photo = await findLatestPhoto(db, personId);
    const timeline = [
      ...(card ? await cardTimeline(db, card.id) : []),
      ...(photo ? await photoTimeline(db, photo.id) : []),
    ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
    c.header("Cache-Control", "no-store");
    return c.html(<CardPage ctx={pageContext(c)} card={card} timeline={timeline} />);
  });

  return app;
}
