// The page's client and the levers the worker sends before a preset's first run (LeversReply): the levers panel
// is laid out from them while the model runs.
import { describe, expect, it } from "vitest";
import { ModelClient } from "../src/client";
import type { LeversReply, Reply } from "../src/protocol";

/** A stand-in for the model worker: what the page posted, and a way to reply as the worker would. */
function fakeWorker() {
  const posted: unknown[] = [];
  const worker = { onmessage: null as ((e: MessageEvent<Reply>) => void) | null, postMessage: (m: unknown) => posted.push(m) };
  const reply = (r: Reply) => worker.onmessage!({ data: r } as MessageEvent<Reply>);
  return { worker: worker as unknown as Worker, posted, reply };
}

const levers = (preset: string, value: number): LeversReply => ({
  type: "levers",
  preset,
  leverDefaults: { "policy.subsidy_scale": value },
  leverYears: { "policy.subsidy_scale": 2026 },
  leverPaths: { "policy.subsidy_scale": { 2026: value } },
});

describe("the client's preset levers", () => {
  it("resolves a preset's levers when they arrive, and at once after, with the same object", async () => {
    const w = fakeWorker();
    const client = new ModelClient({ worker: w.worker, early: [] });
    const waiting = client.levers("a");
    let done = false;
    void waiting.then(() => (done = true));
    w.reply(levers("b", 2));
    await Promise.resolve();
    expect(done).toBe(false);
    const a = levers("a", 1);
    w.reply(a);
    expect(await waiting).toBe(a);
    expect(await client.levers("a")).toBe(a);
    expect((await client.levers("b")).leverDefaults["policy.subsidy_scale"]).toBe(2);
  });

  it("takes levers the worker sent before the client took it over, in order (the latest per preset)", async () => {
    const w = fakeWorker();
    const client = new ModelClient({ worker: w.worker, early: [levers("a", 1), levers("a", 3)] });
    expect((await client.levers("a")).leverDefaults["policy.subsidy_scale"]).toBe(3);
  });
});
