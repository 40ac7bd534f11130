/** `url` with its database name replaced. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** A PostgreSQL identifier, quoted. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
