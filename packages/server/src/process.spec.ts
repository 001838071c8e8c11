// The server as a process on a real socket: `npm start`'s entry point, loopback only, and nothing lost when it is
// killed with SIGKILL in the middle of a stream of saves.
import { afterEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./config.js";

const MAIN = join(REPO_ROOT, "packages/server/dist/main.js");
const children: ChildProcess[] = [];

function startProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: "0", HOST: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (d) => (err += String(d)));
    child.on("exit", (code) => reject(new Error(`the server exited with ${code}: ${err}`)));
    child.stdout!.on("data", (d) => {
      out += String(d);
      const m = /http:\/\/localhost:(\d+)\//.exec(out);
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}`, child });
    });
  });
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

describe("the server process", () => {
  it("listens on 127.0.0.1 only and serves the planner and the API on one port", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "evplan-sock-")), "db.sqlite");
    const { url } = await startProcess({ EVPLAN_DB: db });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const run = await fetch(`${url}/api/v1/run`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "x", extends: "nevp-2025-30" }),
    });
    expect(run.status).toBe(200);
    expect(((await run.json()) as { counterfactual: string }).counterfactual).toBe("reference");
    // Malformed requests do not stop it: bad percent-encoding, and bytes that are not HTTP at all.
    const raw = await new Promise<string>((resolve) => {
      const sock = connect(Number(new URL(url).port), "127.0.0.1", () => sock.write("NOT HTTP AT ALL\r\n\r\n"));
      let got = "";
      sock.on("data", (d) => (got += String(d)));
      sock.on("close", () => resolve(got));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${url}/%`)).status).toBe(400);
    expect((await fetch(`${url}/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
    // Not reachable on another address of the machine: the listener is bound to loopback.
    const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { status: string };
    expect(health.status).toBe("ok");
    const port = new URL(url).port;
    const other = await fetch(`http://[::1]:${port}/`).then(
      (r) => r.status,
      () => "refused",
    );
    expect(other).toBe("refused");
  });

  it("every acknowledged save survives SIGKILL during a stream of saves, and the database is intact", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "evplan-kill-")), "db.sqlite");
    const { url, child } = await startProcess({ EVPLAN_DB: db });
    const acknowledged: string[] = [];
    const scenario = { name: "s", extends: "reference", overrides: { "taxes.carbon_levy": { 2027: 5 } } };
    let stop = false;
    // Four writers, each saving until the server dies; the kill comes after 40 acknowledgements, mid-stream.
    const writer = async (w: number) => {
      for (let i = 0; i < 200 && !stop; i++) {
        const name = `w${w}-${i}`;
        try {
          const res = await fetch(`${url}/api/v1/saved`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ name, notes: `n${i}`, scenario }),
          });
          if (res.status === 201) acknowledged.push(name);
          else throw new Error(`save ${name}: ${res.status}`);
          if (acknowledged.length === 40) {
            child.kill("SIGKILL");
            stop = true;
          }
        } catch (e) {
          if (!stop) throw e;
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once("exit", r)));
    expect(child.signalCode).toBe("SIGKILL");
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    // The file as left by the kill: intact.
    const raw = new Database(db, { readonly: false });
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    raw.close();
    // And after a restart every acknowledged save is there.
    const again = await startProcess({ EVPLAN_DB: db });
    const list = (await (await fetch(`${again.url}/api/v1/saved`)).json()) as { saved: { name: string }[] };
    const names = new Set(list.saved.map((s) => s.name));
    for (const n of acknowledged) expect(names.has(n), n).toBe(true);
    const one = (await (await fetch(`${again.url}/api/v1/saved/${acknowledged[0]}`)).json()) as { notes: string; scenario: { extends: string } };
    expect(one.scenario.extends).toBe("reference");
  });
});
