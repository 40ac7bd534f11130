/** The human table (Tidings | bare | ratio | target) and the final JSON line. */
import os from "node:os";
import type { Options } from "./args";
import type { Measured } from "./mode-common";
import { ROWS, format } from "./report-rows";

export function machine() {
  return {
    nproc: os.availableParallelism(),
    memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
  };
}

export function printReport(
  options: Options,
  results: Measured[],
  argv: string[],
  busyBeforePct: number,
): void {
  const tidings = results.find((r) => r.target === "tidings");
  const bare = results.find((r) => r.target === "bare");
  const table: string[][] = [["metric", "tidings", "bare", "tidings/bare", "target", "met"]];
  const targets: Record<string, boolean | undefined> = {};
  const ratios: Record<string, number> = {};
  for (const row of ROWS[options.mode]) {
    const t = tidings ? row.get(tidings) : undefined;
    const b = bare ? row.get(bare) : undefined;
    const ratio =
      row.ratio && typeof t === "number" && typeof b === "number" && b !== 0 ? t / b : undefined;
    if (ratio !== undefined) ratios[row.label] = +ratio.toFixed(3);
    const met = tidings && row.target ? row.target.met(tidings, bare) : undefined;
    if (row.target && met !== undefined) targets[`${row.label} ${row.target.text}`] = met;
    const metText = met === undefined ? "" : met ? "yes" : "NO";
    table.push([
      row.label,
      format(t),
      format(b),
      ratio === undefined ? "" : `${ratio.toFixed(2)}×`,
      row.target?.text ?? "",
      metText,
    ]);
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => (r[i] ?? "").length)));
  console.log(`\nbench:stream --mode ${options.mode} (${argv.join(" ") || "defaults"})`);
  console.log(
    `machine: ${JSON.stringify(machine())}, CPU busy before start ${busyBeforePct.toFixed(0)} %`,
  );
  for (const [i, row] of table.entries()) {
    console.log(
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join("  "),
    );
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  for (const r of results) {
    const errors = { ...(r.connectErrors as object), ...(r.publishFailures as object) };
    if (Object.keys(errors).length) console.log(`${r.target} errors: ${JSON.stringify(errors)}`);
  }
  console.log(
    JSON.stringify({
      bench: "stream",
      mode: options.mode,
      argv,
      machine: { ...machine(), busyBeforePct },
      results,
      ratios,
      targets,
    }),
  );
}
