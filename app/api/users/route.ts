import { createUser } from "@/lib/auth/create-user";
import { isAdmin } from "@/lib/auth/permissions";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { AppError } from "@/lib/shared/api-error";
import { createUserSchema } from "@/lib/shared/account-schemas";

// POST /api/users – an admin adds a password account (sign-up is closed after the first).
export const POST = route(async (request, _params, actor) => {
  if (!isAdmin(actor)) throw new AppError("forbidden", "Only admins add accounts");
  const user = await createUser(await readJson(request, createUserSchema));
  return Response.json(user, { status: 201 });
});
