// `evplan run`: evaluate a scenario and its counterfactual; print a summary, JSON or CSV; optionally write files.
import { join } from "node:path";
import {
  LEDGER_LINES,
  LEDGER_MEMO,
  LEDGER_NET,
  PAYBACK_CAP_YEARS,
  SEGMENTS,
  SEGMENT_LABELS,
  avoided,
  cumulative,
  metricValue,
  runCsv,
  runDocument,
  type ScenarioRun,
} from "@evplan/core/runtime";
import { CliError, makeContext, type Context } from "../context.js";
import { grouped, pct } from "../format/numbers.js";
import { differenceText, figureText } from "../format/figures.js";
import { table, tableWidth, wrapText } from "../format/table.js";
import { writeAllOrNothing } from "../io-write.js";
import { evplanVersion } from "../version.js";

export interface RunOptions {
  format: string;
  out?: string;
  data?: string;
  scenarios?: string;
}

export const FORMATS = ["table", "json", "csv", "xlsx"] as const;

export async function runCommand(arg: string, opts: RunOptions, print: (s: string) => void): Promise<void> {
  if (!(FORMATS as readonly string[]).includes(opts.format)) throw new CliError(`--format must be one of ${FORMATS.join(", ")}, not "${opts.format}"`);
  if (opts.format === "xlsx" && !opts.out) throw new CliError("--format xlsx writes a workbook: give the folder with --out <dir>");
  const ctx: Context = await makeContext(opts, { compiled: true });
  const { name, source } = await ctx.scenarioArg(arg);
  const run = ctx.model.run(name, source);
  for (const n of run.main.scenario.notes) process.stderr.write(`evplan: note: ${n}\n`);
  // Only the outputs asked for are built (the CSV is 5 MB): the JSON document for --format json or --out, the CSV
  // for --format csv or --out, the summary for the table.
  const doc = opts.format === "json" || opts.out ? runDocument(run) : undefined;
  const csv = opts.format === "csv" || opts.out ? csvText(run) : undefined;
  // Everything printed is built before anything is written: a failure leaves no files behind.
  const text = opts.format === "json" ? JSON.stringify(doc) : opts.format === "csv" ? csv!.trimEnd() : summary(run);
  if (opts.out) {
    // exceljs is loaded only for a workbook.
    const workbook = opts.format === "xlsx" ? (await import("./run-xlsx.js")).runWorkbookBytes : undefined;
    const xlsx = workbook ? [{ path: join(opts.out, `${run.main.scenario.name}.xlsx`), content: await workbook(ctx, run, evplanVersion()) }] : [];
    writeAllOrNothing([
      { path: join(opts.out, `${run.main.scenario.name}.json`), content: JSON.stringify(doc, null, 1) + "\n" },
      { path: join(opts.out, `${run.main.scenario.name}.csv`), content: csv! },
      ...xlsx,
    ]);
    if (xlsx.length) print(`wrote ${xlsx[0].path}`);
  }
  print(text);
}

export function csvText(run: ScenarioRun): string {
  const cf = run.counterfactual;
  return runCsv(run.main.scenario, { name: run.main.scenario.name, out: run.main.out }, cf ? { name: cf.scenario.name, out: cf.out } : null);
}

const targetValue = (metric: string, x: number): string => figureText(metric, x);
const targetGap = (metric: string, gap: number): string => (gap === 0 ? figureText(metric, 0) : differenceText(metric, gap));

const bn = (x: number) => grouped(x / 1e9, 1);

/** Fiscal ledger and consumer economics. */
function marketSection(run: ScenarioRun, y: number): string[] {
  const r = run.main;
  const c = r.scenario;
  const cum = (m: string) => cumulative(r, m, "total", c.baseYear, y);
  const lines: string[] = [];
  lines.push(`Fiscal ledger (PKR bn, constant ${c.baseYear} rupees; + is a cost to the treasury)`);
  // The core's ledger lines, each with its sign in the net, so the column adds up to the net as the web chart does.
  const items: [string, string, number][] = [
    ...LEDGER_LINES.map((l): [string, string, number] => [l.label, l.metric, l.inNet]),
    ["net fiscal cost", LEDGER_NET, 1],
    ["memo: tax expenditure (not in net)", LEDGER_MEMO, 1],
  ];
  lines.push(
    table(
      ["item", `in ${y}`, `${c.baseYear}-${y}`],
      items.map(([label, id, sign]) => [label, bn(sign * metricValue(r, id, "total", y)), bn(sign * cum(id))]),
    ),
  );
  lines.push(
    `EVs subsidised in ${y}: ${grouped(metricValue(r, "subsidised_vehicles", "total", y))} of ${grouped(metricValue(r, "sales", "total", y, "bev"))} BEVs sold`,
  );
  lines.push("");
  lines.push(`Cost of ownership of a new vehicle in ${y} (PKR/km) and BEV payback`);
  lines.push(
    table(
      ["segment", "ICE", "HEV", "PHEV", "BEV", "BEV payback (years)"],
      SEGMENTS.map((s) => [
        SEGMENT_LABELS[s],
        ...["ice", "hev", "phev", "bev"].map((p) => grouped(metricValue(r, "tco_per_km", s, y, p), 1)),
        (() => {
          const pb = metricValue(r, "ev_payback_years", s, y);
          return pb >= PAYBACK_CAP_YEARS ? "never" : grouped(pb, 1);
        })(),
      ]),
    ),
  );
  lines.push("");
  return lines;
}

/** Chargers, grid, batteries, industry and foreign exchange. */
function systemsSection(run: ScenarioRun, y: number): string[] {
  const r = run.main;
  const c = r.scenario;
  const v = (m: string, key?: string) => metricValue(r, m, "total", y, key);
  const slot = c.slots.get("grid.installed_capacity");
  const capacity = slot === undefined ? NaN : c.params[slot * c.nYears + (y - c.baseYear)];
  const peak = v("peak_charging_load");
  const lines: string[] = [];
  lines.push(`Infrastructure, grid, batteries and industry in ${y}`);
  lines.push(
    table(
      ["", "value"],
      [
        [
          "public charge points (AC / DC fast / swap)",
          `${grouped(v("public_chargers"))} (${grouped(v("public_chargers", "ac"))} / ${grouped(v("public_chargers", "dc_fast"))} / ${grouped(v("public_chargers", "swap_station"))})`,
        ],
        [`charger capital cost ${c.baseYear}-${y} (PKR bn)`, bn(cumulative(r, "charger_capex", "total", c.baseYear, y))],
        ["peak charging load (MW)", `${grouped(peak)}${Number.isFinite(capacity) ? ` = ${pct(peak / capacity, 2)} of ${grouped(capacity)} MW installed` : ""}`],
        ["electricity for charging (GWh)", grouped(v("electricity_demand"))],
        [
          "battery demand (GWh: LFP / NMC / sodium-ion)",
          `${grouped(v("battery_demand"), 2)} (${grouped(v("battery_demand", "lfp"), 2)} / ${grouped(v("battery_demand", "nmc"), 2)} / ${grouped(v("battery_demand", "sodium_ion"), 2)})`,
        ],
        [
          "pack cost (USD/kWh: LFP / NMC / sodium-ion)",
          `${grouped(v("pack_cost", "lfp"))} / ${grouped(v("pack_cost", "nmc"))} / ${grouped(v("pack_cost", "sodium_ion"))}`,
        ],
        ["lithium demand (t LCE)", grouped(v("lithium_demand"))],
        ["direct jobs (assembly, packs, chargers)", grouped(v("jobs"))],
        ["local value added (PKR bn)", bn(v("local_value_added"))],
        ["net foreign exchange (USD m): oil avoided - EV imports + exports", grouped(v("fx_net") / 1e6)],
      ],
      ["l", "r"],
    ),
  );
  lines.push("");
  return lines;
}

/** The terminal summary a transport analyst reads first. */
export function summary(run: ScenarioRun): string {
  const r = run.main;
  const c = r.scenario;
  const cf = run.counterfactual;
  // The NEVP's horizon year, or the nearest year the scenario covers.
  const y30 = Math.max(c.baseYear, Math.min(2030, c.endYear));
  const yEnd = c.endYear;
  const lines: string[] = [];
  const modeText = c.modes.every((m) => m === 0) ? "targets mode" : c.modes.every((m) => m === 1) ? "market mode" : "mixed mode";
  lines.push(`evplan · ${c.title} (${c.name})`);
  lines.push(`${c.baseYear}-${c.endYear} · ${modeText} · counterfactual: ${cf ? cf.scenario.name : "none"} · fiscal years (2030 = Jul 2029-Jun 2030)`);
  lines.push("");

  if (run.targets.length) {
    lines.push("Targets");
    lines.push(
      table(
        ["target", "year", "value", "target", "status", "gap"],
        run.targets.map((t) => [
          t.label,
          String(t.year),
          targetValue(t.metric, t.value),
          `${t.sense === "at_most" ? "≤ " : "≥ "}${targetValue(t.metric, t.target)}`,
          t.met ? "met" : "MISSED",
          targetGap(t.metric, t.gap),
        ]),
        ["l", "r", "r", "r", "l", "r"],
      ),
    );
    lines.push("");
  }

  lines.push(`New vehicle sales and EV share in ${y30}`);
  const segRows = [...SEGMENTS, "total"].map((s) => {
    const row = [
      SEGMENT_LABELS[s],
      grouped(metricValue(r, "sales", s, y30)),
      pct(metricValue(r, "ev_sales_share", s, y30)),
      grouped(metricValue(r, "ev_stock", s, y30)),
    ];
    if (cf) row.push(pct(metricValue(cf, "ev_sales_share", s, y30)));
    return row;
  });
  lines.push(table(["segment", "sales", "EV share", `EV stock ${y30}`, ...(cf ? [`EV share (${cf.scenario.name})`] : [])], segRows));
  lines.push("");

  if (cf) {
    const saved = avoided(run, "fuel_use", y30, y30);
    const savedCum = avoided(run, "fuel_use", c.baseYear, y30);
    const oil = avoided(run, "oil_import_cost", y30, y30);
    const oilCum = avoided(run, "oil_import_cost", c.baseYear, y30);
    lines.push(`Fuel and oil, against ${cf.scenario.name}`);
    lines.push(
      table(
        ["", `in ${y30}`, `cumulative ${c.baseYear}-${y30}`],
        [
          ["fuel saved (CNG as petrol-equivalent)", figureText("litres", saved), figureText("litres", savedCum)],
          ["oil import bill avoided", figureText("USD", oil), figureText("USD", oilCum)],
          [
            "electricity for charging (GWh)",
            grouped(metricValue(r, "electricity_demand", "total", y30), 0),
            grouped(cumulative(r, "electricity_demand", "total", c.baseYear, y30), 0),
          ],
        ],
      ),
    );
    lines.push("");
  }

  lines.push(...marketSection(run, y30));
  lines.push(...systemsSection(run, y30));

  lines.push("Road CO2 (Mt)");
  const co2Rows: string[][] = [];
  for (const y of [...new Set([c.baseYear, y30, Math.max(c.baseYear, Math.min(2040, yEnd)), yEnd])]) {
    for (const id of ["co2_ttw", "co2_wtw"]) {
      const v = metricValue(r, id, "total", y);
      const row = [`${y} ${id === "co2_ttw" ? "tank-to-wheel" : "well-to-wheel"}`, grouped(v / 1e6, 2)];
      if (cf) {
        const b = metricValue(cf, id, "total", y);
        row.push(grouped(b / 1e6, 2), `${v - b >= 0 ? "+" : ""}${grouped((v - b) / 1e6, 2)}`, b !== 0 ? pct((v - b) / b) : "n/a");
      }
      co2Rows.push(row);
    }
  }
  lines.push(table(["year", c.name, ...(cf ? [cf.scenario.name, "difference", "change"] : [])], co2Rows));
  lines.push("");
  lines.push("Full results: --format json or csv; --out DIR writes both. Every input: evplan params.");
  // Prose lines wrap to the terminal as the tables do (table lines already fit).
  const width = tableWidth();
  return lines
    .join("\n")
    .split("\n")
    .flatMap((l) => (l.length > width ? wrapText(l, width) : [l]))
    .join("\n");
}
