/**
 * The one helper that builds TanStack Query keys for the app (STYLE.md): every cache entry is addressed
 * through it, so invalidation ("refresh this listing") and reads always agree on the key.
 */
export const queryKeys = {
  /** Every listing query (refresh all). */
  listings: () => ['listing'] as const,
  /** One listing source, keyed by the source string exactly as the user added it (its origin key). */
  listing: (source: string) => ['listing', source] as const,
} as const;
