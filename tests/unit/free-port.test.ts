import { expect, test } from "vitest";
import { freePort } from "../helpers/app-server";

// The system offers a just-closed port again now and then (about 70 times in
// 1,000 probes here): a bench that asked twice got one port for a server and
// its inspector. freePort never hands out the same port twice.
test("freePort gives a different port every time", async () => {
  const ports = [];
  for (let i = 0; i < 1_000; i++) ports.push(await freePort());
  expect(new Set(ports).size).toBe(ports.length);
});
