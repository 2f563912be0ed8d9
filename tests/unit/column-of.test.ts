import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { columnOf } from "@/lib/db/column-of";

/** Each scalar field of a model in prisma/schema.prisma with its column: the @map name, or the field's own. */
function columnsOf(model: string): [field: string, column: string][] {
  const schema = readFileSync("prisma/schema.prisma", "utf8");
  const body = new RegExp(`^model ${model} \\{([\\s\\S]*?)^\\}`, "m").exec(schema)?.[1];
  if (!body) throw new Error(`model ${model} not found`);
  return body
    .split("\n")
    .map((line) => /^\s+(\w+)\s+(\w+)(\[\])?\??(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[4]!.includes("@relation") && /^[A-Z]/.test(m[2]!) && !/^(Task|User|TaskEvent|TaskClaim|Session|Account|ApiKey)$/.test(m[2]!))
    .map((m) => [m[1]!, /@map\("([^"]+)"\)/.exec(m[4]!)?.[1] ?? m[1]!]);
}

// The hot paths' plain SQL names columns by this rule (lib/db/column-of.ts):
// a field mapped any other way would be read or written under the wrong name.
describe("column names", () => {
  it.each(["Task", "User", "ApiKey", "TaskEvent", "WebhookDelivery"])("every %s field's column is its snake_case name", (model) => {
    const columns = columnsOf(model);
    expect(columns.length).toBeGreaterThan(5);
    for (const [field, column] of columns) expect({ field, column: columnOf(field) }).toEqual({ field, column });
  });
});
