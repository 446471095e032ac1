import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.ts";
import type { Deps } from "../deps.ts";
import { type AppEnv, clientIp, forwardedClientIp } from "./http.ts";

/** clientIp on a request that came with this X-Forwarded-For header, under this environment. */
async function ipSeen(env: Record<string, string>, forwardedFor?: string) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("deps", { config: loadConfig(env) } as Deps);
    await next();
  });
  app.get("/", (c) => c.text(clientIp(c)));
  const headers: Record<string, string> =
    forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor };
  return (await app.request("/", { headers })).text();
}

// What app.request() reports as the socket's address (it has no socket).
const SOCKET = "127.0.0.1";

describe("the client's address", () => {
  it.each([
    ["one proxy: the entry it appended", "203.0.113.7", 1, "203.0.113.7"],
    ["one proxy: a forged entry on the left is ignored", "6.6.6.6, 203.0.113.7", 1, "203.0.113.7"],
    ["one proxy: many forged entries", "1.1.1.1, 2.2.2.2,3.3.3.3 , 203.0.113.7", 1, "203.0.113.7"],
    ["two proxies: the second from the right", "6.6.6.6, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"],
    ["IPv6", "6.6.6.6, 2001:db8::1", 1, "2001:db8::1"],
    ["an IPv4 address with its port", "6.6.6.6, 203.0.113.7:51234", 1, "203.0.113.7"],
    ["an IPv6 address in brackets with its port", "6.6.6.6, [2001:db8::1]:443", 1, "2001:db8::1"],
    ["an IPv6 address in brackets", "[2001:db8::1]", 1, "2001:db8::1"],
    ["a header shorter than the hops", "203.0.113.7", 2, undefined],
    ["no header", undefined, 1, undefined],
    ["an empty entry", "6.6.6.6, ", 1, undefined],
    ["an entry that is not an address", "6.6.6.6, evil.example", 1, undefined],
    ["no trusted hops", "203.0.113.7", 0, undefined],
  ])("%s", (_name, header, hops, expected) => {
    expect(forwardedClientIp(header, hops)).toBe(expected);
  });

  it("reads the entry our proxy appended, not the one the client wrote", async () => {
    expect(await ipSeen({ TRUST_PROXY: "true" }, "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
    expect(
      await ipSeen({ TRUST_PROXY: "true", TRUST_PROXY_HOPS: "2" }, "6.6.6.6, 203.0.113.7, 10.0.0.2"),
    ).toBe("203.0.113.7");
  });

  it("uses the socket's address when the header cannot have come through our proxies", async () => {
    expect(await ipSeen({ TRUST_PROXY: "true", TRUST_PROXY_HOPS: "2" }, "6.6.6.6")).toBe(SOCKET);
    expect(await ipSeen({ TRUST_PROXY: "true" })).toBe(SOCKET);
    expect(await ipSeen({ TRUST_PROXY: "true", TRUST_PROXY_HOPS: "0" }, "6.6.6.6")).toBe(SOCKET);
  });

  it("ignores X-Forwarded-For entirely without TRUST_PROXY", async () => {
    expect(await ipSeen({}, "6.6.6.6")).toBe(SOCKET);
    expect(await ipSeen({ TRUST_PROXY_HOPS: "1" }, "6.6.6.6")).toBe(SOCKET);
  });

  it("trusts one hop by default behind a proxy and refuses a hop count that is not a whole number ≥ 0", () => {
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxyHops).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "true", TRUST_PROXY_HOPS: "3" }).trustProxyHops).toBe(3);
    expect(loadConfig({}).trustProxyHops).toBe(0);
    for (const bad of ["-1", "1.5", "uno"])
      expect(() => loadConfig({ TRUST_PROXY: "true", TRUST_PROXY_HOPS: bad })).toThrow(ConfigError);
  });
});
