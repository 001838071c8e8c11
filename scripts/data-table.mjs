#!/usr/bin/env node
// The parameter tables of data/pakistan/README.md (and the values in README-market.md's), made from the data pack itself so that it cannot drift from the
// YAML files (a hand-kept table had fallen eleven parameters and several refits behind). The values and the first
// source come from the files; the status column is an editor's judgement and is kept for rows that exist (new
// rows get one from the references and the assumption text). Usage:
//   node scripts/data-table.mjs [--check]   (--check: exit 1 if the README is not up to date, write nothing)
// Run after `npm run build` (it reads packages/cli/dist and packages/core/dist).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const readme = join(root, "data/pakistan/README.md");
const check = process.argv.includes("--check");

const { loadRegistry } = await import(join(root, "packages/cli/dist/data-pack.js"));

const KEY = { two_wheeler: "2W", three_wheeler: "3W", lcv: "LCV" };
const HEADER = "| parameter | unit | index | values (first dates) | status | first source |";
/** Dates shown per parameter: the table is an overview; `evplan params` has every value. */
const DATES = 3;

const num = (x) => (Number.isInteger(x) ? x.toLocaleString("en-US") : Number(x.toPrecision(6)).toLocaleString("en-US", { maximumFractionDigits: 10 }));

/** "2025: 2W 1 · 3W 1 · car 0.75; 2026: all 0" from the parameter's series (one per key). */
function valuesText(p) {
  const dates = [...new Set(p.series.flatMap((s) => s.years))].sort((a, b) => a - b);
  const at = (s, y) => {
    const i = s.years.indexOf(y);
    return i >= 0 ? s.values[i] : undefined;
  };
  const shown = dates.slice(0, DATES).map((y) => {
    const vals = p.series.map((s) => at(s, y));
    if (!p.index) return `${y}: ${num(vals[0])}`;
    const given = vals.filter((v) => v !== undefined);
    if (given.length === vals.length && given.every((v) => v === given[0])) return `${y}: all ${num(given[0])}`;
    return `${y}: ${p.series
      .map((s, i) => (vals[i] === undefined ? null : `${KEY[s.key] ?? s.key} ${num(vals[i])}`))
      .filter(Boolean)
      .join(" · ")}`;
  });
  return shown.join("; ") + (dates.length > DATES ? "; …" : "") + (p.interpolation === "linear" ? " (linear)" : "");
}

/** The uncertainty the Monte Carlo draws, in words: " (uniform 0-1)", " (lognormal factor 0.375-2.667, median 1)". */
function uncertaintyText(p) {
  const u = p.uncertainty;
  if (!u) return "";
  const factor = u.scale === "factor" ? " factor" : "";
  const range = u.min !== undefined && u.max !== undefined ? ` ${num(u.min)} to ${num(u.max)}` : "";
  switch (u.distribution) {
    case "normal":
      return ` (normal${factor}, sd ${num(u.sd)}${range ? `, cut at${range}` : ""})`;
    case "lognormal":
      return ` (lognormal${factor}${range}, mean ${num(u.mean)})`;
    case "triangular":
      return ` (triangular${factor}${range}, mode ${num(u.mode)})`;
    default:
      return ` (${u.distribution}${factor}${range})`;
  }
}

function sourceText(p) {
  const r = p.references[0];
  if (!r) return "-";
  return [r.publisher, r.date].filter(Boolean).join(", ");
}

function statusFor(p) {
  if (!p.references.length) return "assumption";
  return p.assumption ? "sourced + assumed parts" : "sourced";
}

const text = readFileSync(readme, "utf8");
const lines = text.split("\n");
const start = lines.indexOf(HEADER);
if (start < 0) {
  console.error(`${readme}: no parameter table (header "${HEADER}")`);
  process.exit(2);
}
let end = start + 2;
while (end < lines.length && lines[end].startsWith("| `")) end++;
const kept = new Map();
for (const l of lines.slice(start + 2, end)) {
  const cells = l.split(" | ");
  kept.set(cells[0].replace(/^\| `|`$/g, ""), cells[4]);
}

const registry = loadRegistry(join(root, "data/pakistan"));
const params = [...registry.parameters.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
const rows = params.map(
  (p) => `| \`${p.name}\` | ${p.unit} | ${p.index ?? "-"} | ${valuesText(p)} | ${kept.get(p.name) ?? statusFor(p)} | ${sourceText(p).replace(/\|/g, "/")} |`,
);
// README-market.md's table (the market and systems parameters, with notes of its own): only the values column is
// made from the files; its rows and notes stay as written.
const marketFile = join(root, "data/pakistan/README-market.md");
const marketText = readFileSync(marketFile, "utf8");
const byName = new Map(params.map((p) => [p.name, p]));
const marketNext = marketText
  .split("\n")
  .map((l) => {
    const m = /^\| `([^`]+)` \| /.exec(l);
    const p = m && byName.get(m[1]);
    if (!p) return l;
    const cells = l.split(" | ");
    if (cells.length < 5) return l;
    cells[3] = valuesText(p) + uncertaintyText(p);
    return cells.join(" | ");
  })
  .join("\n");
const referenced = params.filter((p) => p.references.length > 0).length;
const countLine = `${params.length} parameters: ${referenced} with at least one reference, ${params.length - referenced} pure assumptions (each with reasoning and an uncertainty range, except pure policy levers).`;
const after = lines.slice(end);
const countAt = after.findIndex((l) => /^\d+ parameters: /.test(l));
if (countAt >= 0) after[countAt] = countLine;
const next = [...lines.slice(0, start + 2), ...rows, ...after].join("\n");

if (check) {
  if (next !== text || marketNext !== marketText) {
    console.error(`data/pakistan/${next !== text ? "README.md" : "README-market.md"}: the parameter table is not up to date; run node scripts/data-table.mjs`);
    process.exit(1);
  }
  console.log(`data/pakistan/README.md: ${params.length} parameters, up to date`);
} else {
  const tmp = `${readme}.tmp`;
  writeFileSync(tmp, next);
  renameSync(tmp, readme);
  writeFileSync(`${marketFile}.tmp`, marketNext);
  renameSync(`${marketFile}.tmp`, marketFile);
  console.log(`data/pakistan/README.md: ${params.length} parameters written`);
}
