import { describe, expect, it } from "vitest";
import { canSee } from "@/lib/realtime/audience";
import { ANONYMOUS, type Audience, type Viewer } from "@/lib/realtime/types";

const everyone: Audience = { kind: "everyone" };
const admins: Audience = { kind: "role", role: "admin" };
const ada: Audience = { kind: "user", userId: "ada" };

describe("canSee", () => {
  it.each<[string, Viewer, boolean[]]>([
    ["anonymous", ANONYMOUS, [true, false, false]],
    ["an admin", { userId: "bob", roles: ["admin"] }, [true, true, false]],
    ["ada", { userId: "ada", roles: ["editor"] }, [true, false, true]],
    ["ada the admin", { userId: "ada", roles: ["admin"] }, [true, true, true]],
    ["a viewer with an empty user id", { userId: "", roles: [] }, [true, false, false]],
  ])("lets %s see [everyone, admin role, user ada]", (_, viewer, expected) => {
    expect([everyone, admins, ada].map((audience) => canSee(viewer, audience))).toEqual(expected);
  });
});
