import Link from "next/link";

/** Previous / next links for a list of `total` rows shown `limit` at a time. */
export function Pagination({ page, limit, total, href }: { page: number; limit: number; total: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages === 1 && page === 1) return null;
  const link = "rounded border border-slate-300 bg-white px-3 py-1.5";
  return (
    <nav aria-label="Pages" className="flex items-center justify-between text-sm">
      {page > 1 ? <Link href={href(Math.min(page - 1, pages))} className={link} rel="prev">← Newer</Link> : <span />}
      <span className="text-slate-600">Page {page} of {pages}</span>
      {page < pages ? <Link href={href(page + 1)} className={link} rel="next">Older →</Link> : <span />}
    </nav>
  );
}
