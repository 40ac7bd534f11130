export default function Loading() {
  return (
    <div role="status" aria-busy="true" className="space-y-8">
      <span className="sr-only">Loading…</span>
      <div className="space-y-3" aria-hidden="true">
        <div className="h-8 w-56 rounded-md bg-zinc-200 motion-safe:animate-pulse dark:bg-zinc-800" />
        <div className="h-4 w-full max-w-lg rounded bg-zinc-200 motion-safe:animate-pulse dark:bg-zinc-800" />
      </div>
      <div
        className="h-64 rounded-xl border border-zinc-200 bg-white motion-safe:animate-pulse dark:border-zinc-800 dark:bg-zinc-900"
        aria-hidden="true"
      />
    </div>
  );
}
