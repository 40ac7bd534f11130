"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

function digestOf(error: unknown): string | undefined {
  if (error instanceof Error && "digest" in error && typeof error.digest === "string") {
    return error.digest;
  }
  return undefined;
}

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const digest = digestOf(error);

  useEffect(() => {
    console.error(error);
  }, [error]);

  // Move focus to the message so keyboard and screen-reader users learn what happened.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <div className="mx-auto max-w-md space-y-4 py-12 text-center">
      <h1
        ref={heading}
        tabIndex={-1}
        className="text-2xl font-semibold tracking-tight outline-none"
      >
        Something went wrong
      </h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        This part of Tidings could not be shown. It may be a temporary problem; please try again.
      </p>
      {digest && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Reference: <code className="font-mono">{digest}</code>
        </p>
      )}
      <Button onClick={retry}>Try again</Button>
    </div>
  );
}
