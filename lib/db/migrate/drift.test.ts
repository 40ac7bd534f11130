import { describe, expect, inject, it } from "vitest";
import { tempProject } from "./fixtures";
import { schemaDrift } from "./index";

const serverUrl = inject("testServerUrl");

describe("prisma/schema.prisma and prisma/migrations", () => {
  it("agree: replaying the migrations gives exactly the schema", async () => {
    const drift = await schemaDrift(serverUrl);
    // On failure `sql` is the missing migration: write it with `npm run db:new -- <name>`.
    expect(drift.sql).toBe("");
    expect(drift.inSync).toBe(true);
  });
});

describe("schemaDrift", () => {
  it('reads catalogs with `"char"` columns, e.g. a hand-written CHECK constraint', async () => {
    const project = await tempProject({
      "1_notes": `CREATE TABLE "Note" (id SERIAL PRIMARY KEY, body TEXT NOT NULL);
ALTER TABLE "Note" ADD CONSTRAINT "Note_body_check" CHECK (body <> '');`,
    });
    try {
      expect(await schemaDrift(serverUrl, project.options)).toEqual({ inSync: true, sql: "" });
    } finally {
      await project.cleanup();
    }
  });

  it("reports a model the migrations lack, with the SQL that would add it", async () => {
    const project = await tempProject({});
    try {
      const drift = await schemaDrift(serverUrl, project.options);
      expect(drift.inSync).toBe(false);
      expect(drift.sql).toContain('CREATE TABLE "Note"');
    } finally {
      await project.cleanup();
    }
  });
});
