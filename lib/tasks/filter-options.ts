import { visibleTo, type Viewer } from "../auth/permissions";
import { getPrisma } from "../db/prisma";

const OPTIONS_MAX = 200;

/** The repositories and creators the dashboard's filter menus offer: those with tasks the viewer may see. */
export async function listFilterOptions(viewer: Viewer): Promise<{ repos: string[]; creators: { login: string; name: string | null }[] }> {
  const prisma = getPrisma();
  const [repos, creators] = await Promise.all([
    prisma.task.findMany({ where: visibleTo(viewer), distinct: ["repo"], select: { repo: true }, orderBy: { repo: "asc" }, take: OPTIONS_MAX }),
    prisma.user.findMany({
      where: { tasks: { some: visibleTo(viewer) } },
      select: { login: true, name: true },
      orderBy: { login: "asc" },
      take: OPTIONS_MAX,
    }),
  ]);
  return { repos: repos.map((r) => r.repo), creators };
}
