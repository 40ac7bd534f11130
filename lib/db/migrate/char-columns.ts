import { ColumnTypeEnum, type SqlQueryable } from "@prisma/driver-adapter-utils";
import type pg from "pg";

// adapter-pg throws on `"char"` (OID 18); the engine reads catalog flags of that type as Character.
const CHAR_OID = 18;
const TEXT_OID = 25;

type QueryFn = (...args: unknown[]) => unknown;
type PgResultLike = { fields?: { dataTypeID: number }[]; rows?: unknown[] };

// Keyed by the rows array, which adapter-pg hands back unchanged in its result set.
const charColumnsOfRows = new WeakMap<object, number[]>();

/** Lets adapter-pg accept `"char"` columns (it throws on OID 18) and remembers where they were. */
function hideCharColumns<T>(result: T): T {
  for (const part of Array.isArray(result) ? result : [result]) {
    const { fields, rows } = (part ?? {}) as PgResultLike;
    const indexes: number[] = [];
    fields?.forEach((field, index) => {
      if (field.dataTypeID !== CHAR_OID) return;
      field.dataTypeID = TEXT_OID;
      indexes.push(index);
    });
    if (indexes.length > 0 && rows) charColumnsOfRows.set(rows, indexes);
  }
  return result;
}

/** Reports `"char"` columns of every result as text, so adapter-pg accepts them. */
export function patchClientQuery(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  const patched: QueryFn = (...args) => {
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as (error: unknown, result: unknown) => void;
      return query(...args.slice(0, -1), (error: unknown, result: unknown) =>
        callback(error, error ? result : hideCharColumns(result)),
      );
    }
    const out = query(...args);
    return out instanceof Promise ? out.then(hideCharColumns) : out;
  };
  Object.assign(client, { query: patched });
}

/** Types the remembered `"char"` columns as Character (pg_constraint.contype: 'c', 'n', …). */
export function withCharColumns<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsOfRows.get(result.rows) ?? []) {
      result.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return result;
  };
  return queryable;
}
