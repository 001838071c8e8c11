import { performance } from "node:perf_hooks";
const node = await import("@evplan/core/node");
const { encodeJson } = await import("@evplan/core/node/compiled");
const { PlannerModel } = await import("./load-planner.mjs");
const { decodeCompiled } = await import("./load-pack.mjs");
const { model: m0 } = node.openModel({ data: "../../data/pakistan", scenarios: "../../scenarios" });
const text = encodeJson(m0.check("nevp-2025-30"));
const rt = await import("@evplan/core/runtime");
const pre = new Map();
const model = new rt.Model(m0.registry, () => undefined, { precompiled: (n) => pre.get(n) });
pre.set("nevp-2025-30", decodeCompiled(text));
const planner = new PlannerModel(model, m0.registry, 2025);
const { Session } = await import("node:inspector/promises");
const s = new Session(); s.connect(); await s.post("Profiler.enable"); await s.post("Profiler.setSamplingInterval", { interval: 100 }); await s.post("Profiler.start");
let t = performance.now(); planner.run(1, "nevp-2025-30", {}, () => 0); console.log("first run", (performance.now()-t).toFixed(1));
const { profile } = await s.post("Profiler.stop");
const self = new Map(); const byId = new Map(profile.nodes.map(n => [n.id, n]));
const dt = profile.timeDeltas; const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, us] of counts) { const n = byId.get(id); const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + us); }
// inclusive
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (const [id, us] of counts) { let cur = id; const seen = new Set(); while (cur !== undefined) { const n = byId.get(cur); const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`; if (!seen.has(k)) { incl.set(k, (incl.get(k) ?? 0) + us); seen.add(k); } cur = parent.get(cur); } }
console.log("SELF"); for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log((v/1000).toFixed(1), k);
console.log("INCL"); for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v/1000).toFixed(1), k);
