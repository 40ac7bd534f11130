import type { Audience, Viewer } from "@/lib/realtime/types";

/** Whether `viewer` may receive an event for `audience` (anonymous viewers: "everyone" only). */
export function canSee(viewer: Viewer, audience: Audience): boolean {
  switch (audience.kind) {
    case "everyone":
      return true;
    case "role":
      return viewer.roles.includes(audience.role);
    case "user":
      return viewer.userId !== undefined && viewer.userId === audience.userId;
  }
}
