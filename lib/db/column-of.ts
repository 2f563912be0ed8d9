// The schema's naming rule: every field's column is its snake_case name
// (prisma/schema.prisma maps each one so; tests/unit/column-of.test.ts holds
// the schema to it). The plain statements of the hot paths name columns by it.
export const columnOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
