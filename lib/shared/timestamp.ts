// A moment given as ISO 8601 text (GitHub's timestamps, query filters). The
// years are held to 1970–9999: zod's format alone takes year 0000 and
// six-digit years, which JavaScript's Date or PostgreSQL's timestamptz refuse,
// and a statement that fails on one would turn bad input into a 500 (or a
// webhook delivery retried for nothing).
import { z } from "zod";

const storable = (text: string) => {
  const year = new Date(text).getUTCFullYear();
  return year >= 1970 && year <= 9999;
};

export const timestampSchema = z.iso.datetime({ offset: true }).refine(storable, "A date and time from 1970 to 9999");
