import Link from "next/link";
import { ConnectionStatusIndicator } from "@/components/connection-status";
import { Logo } from "@/components/logo";

// Sections arrive in later issues; until then they are labelled text, not links that go nowhere.
const upcomingSections = ["Overview", "News", "Notifications", "Markets", "System"] as const;

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-10 border-b border-zinc-200 bg-white/85 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/85">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-8 gap-y-2 px-4 py-3 sm:px-6">
        <Link
          href="/"
          className="flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight"
        >
          <Logo className="size-7" />
          Tidings
        </Link>
        <div className="ml-auto sm:order-last">
          <ConnectionStatusIndicator />
        </div>
        <nav aria-label="Sections" className="w-full sm:w-auto">
          <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            {upcomingSections.map((name) => (
              <li
                key={name}
                className="flex cursor-default items-center gap-1 text-zinc-500 dark:text-zinc-400"
              >
                {name}
                <span className="rounded bg-zinc-100 px-1 py-px text-[0.625rem] font-medium tracking-wide text-zinc-600 uppercase dark:bg-zinc-800 dark:text-zinc-400">
                  <span className="sr-only">(coming </span>soon<span className="sr-only">)</span>
                </span>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
