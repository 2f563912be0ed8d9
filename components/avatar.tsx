import type { UserSummary } from "@/lib/shared/task-dto";

/** A person's picture, or their initials on a colour derived from the login. */
export function Avatar({ user, size = 20 }: { user: UserSummary; size?: number }) {
  const label = user.name ?? user.login;
  if (user.avatarUrl) {
    // A 20-pixel picture needs no optimizing proxy; the browser caches GitHub's.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={user.avatarUrl} alt="" width={size} height={size} className="shrink-0 rounded-full bg-slate-200" />;
  }
  const hue = [...user.login].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 360;
  const initials = label.split(/\s+/).map((w) => w[0]).join("").slice(0, 2).toUpperCase();
  return (
    <span
      aria-hidden
      style={{ width: size, height: size, backgroundColor: `hsl(${hue} 55% 45%)`, fontSize: size * 0.45 }}
      className="inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white"
    >
      {initials}
    </span>
  );
}
