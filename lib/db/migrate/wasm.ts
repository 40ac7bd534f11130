import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

/** The engine class of @prisma/schema-engine-wasm (an internal Prisma API; see PRISMA-OFFLINE.md). */
export type SchemaEngineClass = typeof bindings.SchemaEngine;

// One wasm instance per process, even when a test runner evaluates this module more than once.
const cache = globalThis as typeof globalThis & {
  [key: symbol]: Promise<SchemaEngineClass> | undefined;
};
const CACHE_KEY = Symbol.for("tidings.schema-engine-wasm");

type TimerImport = (callback: () => void, ms: number) => unknown;

/** The bindings as an import object, with timers that never keep the process alive. */
function importObject(): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bindings };
  for (const [name, value] of Object.entries(bindings)) {
    if (!name.startsWith("__wbg_setTimeout_") || typeof value !== "function") continue;
    const setTimer = value as TimerImport;
    // The engine never clears these timers; unref'd they cannot delay exit by ~10 s.
    imports[name] = (callback: () => void, ms: number) => {
      const timer = setTimer(callback, ms);
      (timer as { unref?: () => void }).unref?.();
      return timer;
    };
  }
  return imports;
}

/** Where the engine leaves a Rust panic's message before it traps (Prisma's CLI installs the same). */
interface PanicRegistry {
  get(): string;
  set_message(message: string): void;
}
const panics = globalThis as typeof globalThis & { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };

/** The message of the last engine panic, if any. */
export function lastPanicMessage(): string | undefined {
  return panics.PRISMA_WASM_PANIC_REGISTRY?.get() || undefined;
}

async function instantiate(): Promise<SchemaEngineClass> {
  let message = "";
  panics.PRISMA_WASM_PANIC_REGISTRY ??= {
    get: () => message,
    set_message: (text) => {
      message = text;
    },
  };
  // The package exports only its JS entry points; the .wasm file sits beside them.
  const entry = createRequire(import.meta.url).resolve(
    "@prisma/schema-engine-wasm/schema_engine_bg",
  );
  const bytes = await readFile(entry.replace(/\.js$/, ".wasm"));
  const compiled = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(compiled, {
    "./schema_engine_bg.js": importObject(),
  } as WebAssembly.Imports);
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
  bindings.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return bindings.SchemaEngine;
}

/** Loads and starts the wasm schema engine once; later calls reuse it. */
export function loadSchemaEngine(): Promise<SchemaEngineClass> {
  const pending = (cache[CACHE_KEY] ??= instantiate());
  // A failed load should not stick: the next call tries again.
  pending.catch(() => {
    if (cache[CACHE_KEY] === pending) cache[CACHE_KEY] = undefined;
  });
  return pending;
}
