import { describe, expect, it, vi } from "vitest";
import { Election } from "@/lib/realtime/client/election";
import { FakeLocks } from "@/lib/realtime/client/test-fakes";

function candidate(locks: FakeLocks) {
  const events = { lead: vi.fn(), lose: vi.fn() };
  return { election: new Election(locks, "lock", events), ...events };
}

/** Two tabs of one browser, both queued for the lock, `a` first. */
function twoCandidates() {
  const locks = new FakeLocks();
  const a = candidate(locks);
  const b = candidate(locks);
  a.election.join();
  b.election.join();
  return { locks, a, b };
}

describe("Election", () => {
  it("makes the first tab leader and queues the others until it stops", async () => {
    const { locks, a, b } = twoCandidates();
    await vi.waitFor(() => expect(a.lead).toHaveBeenCalledOnce());
    expect(b.lead).not.toHaveBeenCalled();
    expect(locks.waiting).toBe(1);

    a.election.stop();
    await vi.waitFor(() => expect(b.lead).toHaveBeenCalledOnce());
    expect(b.election.leading).toBe(true);
    expect(a.lose).not.toHaveBeenCalled();
  });

  it("lets a tab steal from a silent leader, which then queues again", async () => {
    const { locks, a, b } = twoCandidates();
    await vi.waitFor(() => expect(a.lead).toHaveBeenCalledOnce());

    b.election.steal();
    await vi.waitFor(() => expect(a.lose).toHaveBeenCalledOnce());
    expect(b.lead).toHaveBeenCalledOnce();
    expect(a.election.leading).toBe(false);
    expect(locks.waiting).toBe(1); // a waits for its turn again

    b.election.stop();
    await vi.waitFor(() => expect(a.lead).toHaveBeenCalledTimes(2));
  });

  it("withdraws a queued request when stopped", async () => {
    const { locks, a, b } = twoCandidates();
    b.election.stop();
    await vi.waitFor(() => expect(locks.waiting).toBe(0));
    a.election.stop();
    await Promise.resolve();
    expect(b.lead).not.toHaveBeenCalled();
  });
});
