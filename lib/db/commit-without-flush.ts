// A statement whose commit need not wait for the disk. By default every commit
// waits until its WAL is flushed (fsync): under the bench's webhook load a
// quarter of PostgreSQL's time went to commits, most of it that flush
// (tests/bench/PERFORMANCE.md). Setting synchronous_commit off for one
// transaction lets it return at once; the WAL writer flushes it within a
// fraction of a second, and any later commit that does wait flushes it too
// (the WAL is flushed in order).
// A database crash can thus lose only such commits of the last fraction of a
// second, never corrupt.

/**
 * A CTE for one autocommitted statement: referenced in its FROM, it turns the
 * flush wait off for that statement's transaction alone (set_config's third
 * argument: local), so it never spreads to the pooled session.
 */
export const NO_FLUSH_WAIT = "no_flush_wait AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))";
