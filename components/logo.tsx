import type { ComponentProps } from "react";

/** The Tidings mark: a signal radiating from a point (decorative; pair it with text). */
export function Logo(props: ComponentProps<"svg">) {
  return (
    <svg viewBox="0 0 32 32" fill="none" aria-hidden="true" focusable="false" {...props}>
      <rect width="32" height="32" rx="8" className="fill-indigo-600 dark:fill-indigo-500" />
      <circle cx="11" cy="21" r="2.5" fill="white" />
      <path
        d="M11 13.5a7.5 7.5 0 0 1 7.5 7.5"
        stroke="white"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
      <path
        d="M11 7.5A13.5 13.5 0 0 1 24.5 21"
        stroke="white"
        strokeWidth="2.5"
        strokeLinecap="round"
        opacity="0.7"
      />
    </svg>
  );
}
