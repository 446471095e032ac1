import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, SETTING_NAMES } from "./config.ts";

describe("configuration", () => {
  it("uses the Alcaldía de Pasto's defaults and the embedded database", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.entity.nit).toBe("891280000-3");
    expect(config.publicBaseUrl).toBe("http://localhost:3000");
    expect(loadConfig({ PORT: "8080" }).publicBaseUrl).toBe("http://localhost:8080");
  });

  it("lists every invalid variable with what it is for", () => {
    try {
      loadConfig({ PORT: "noventa", DATABASE_URL: "no es url", LOG_LEVEL: "verbose" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT="noventa" no es válido');
      expect(message).toContain("DATABASE_URL");
      expect(message).toContain("LOG_LEVEL");
    }
  });

  it("is documented in the README, every variable of it", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(SETTING_NAMES.filter((name) => !new RegExp(`^\\| \`${name}\` +\\|`, "m").test(readme))).toEqual(
      [],
    );
  });
});
