// The areas of SIPAP plugged into the core. Core knows no area: each area registers its parts (audit
// words, home journey, person panels, «Mis datos» sections, reactions to a person's change) into core's
// extension points here, once, when this module is first imported. src/app.tsx, src/cli and src/demo
// import it, and so does any test that calls a core service without the app (docs/ARCHITECTURE.md,
// "Areas and core"). A new area (planes, comunicaciones) adds its install call below.
import { installCarnetizacion } from "./carnetizacion/carnetizacion.area.ts";
import { installComunicaciones } from "./comunicaciones/comunicaciones.area.ts";
import { installPlanes } from "./planes/planes.area.ts";

installCarnetizacion();
installPlanes();
installComunicaciones();
