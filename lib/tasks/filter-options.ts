import { getPrisma } from "../db/prisma";

const OPTIONS_MAX = 200;

/** The repositories and creators the dashboard's filter menus offer: those that have tasks. */
export async function listFilterOptions(): Promise<{ repos: string[]; creators: { login: string; name: string | null }[] }> {
  const prisma = getPrisma();
  const [repos, creators] = await Promise.all([
    prisma.task.findMany({ distinct: ["repo"], select: { repo: true }, orderBy: { repo: "asc" }, take: OPTIONS_MAX }),
    prisma.user.findMany({
      where: { tasks: { some: {} } },
      select: { login: true, name: true },
      orderBy: { login: "asc" },
      take: OPTIONS_MAX,
    }),
  ]);
  return { repos: repos.map((r) => r.repo), creators };
}
