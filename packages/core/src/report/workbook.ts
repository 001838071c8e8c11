// The report workbook, as data: a Summary sheet (headline figures against the targets), a Settings sheet (what
// differs from the default and the reference, with sources), one wide sheet per metric group (years as columns,
// labels not codes, units in the row label, values in display units with number formats), and the change
// decomposition when there is one. `writeWorkbook` hands it to ExcelJS (passed in, so the core imports nothing);
// the web planner and `evplan run --format xlsx` both use this one description.
import { SEGMENTS } from "../domain.js";
import { BRK_ALL, SEG_TOTAL, rowOffset } from "../engine/layout.js";
import { BREAKDOWN_KEYS, METRICS, type MetricDef } from "../engine/metrics.js";
import type { TargetResult } from "../analysis/targets.js";
import type { ChangeDecomposition, SettingDifference, WhatItTakes } from "../analysis/briefing.js";
import { BREAKDOWN_LABELS, SEGMENT_LABELS, SEGMENT_LABELS_SINGULAR } from "../views/labels.js";

export type Cell = string | number | null;

export interface SheetSpec {
  readonly name: string;
  /** Lines above the table (title, scenario, date). */
  readonly preamble: readonly string[];
  readonly columns: readonly { readonly header: string; readonly width: number; readonly numFmt?: string }[];
  readonly rows: readonly (readonly Cell[])[];
  /** A number format per row for the numeric columns (wide sheets: each row has its own unit). */
  readonly rowFormats?: readonly (string | undefined)[];
  /** Leading columns kept in view when scrolling right. */
  readonly frozenColumns: number;
}

export interface WorkbookSpec {
  readonly sheets: readonly SheetSpec[];
}

/** Display unit of a metric unit: a divisor, the unit label and an Excel number format. */
export function displayUnit(unit: string): { divisor: number; label: string; numFmt: string } {
  switch (unit) {
    case "fraction":
      return { divisor: 1, label: "%", numFmt: "0.0%" };
    case "PKR":
      return { divisor: 1e9, label: "PKR bn", numFmt: "#,##0.00" };
    case "USD":
      return { divisor: 1e6, label: "USD m", numFmt: "#,##0.0" };
    case "t CO2":
      return { divisor: 1e6, label: "Mt CO2", numFmt: "#,##0.00" };
    case "vehicle-km":
      return { divisor: 1e9, label: "billion vehicle-km", numFmt: "#,##0.00" };
    case "litres (CNG as petrol-equivalent litres)":
      return { divisor: 1e6, label: "million litres (CNG as petrol-equivalent)", numFmt: "#,##0.0" };
    case "vehicles":
    case "charge points":
    case "jobs":
      return { divisor: 1, label: unit, numFmt: "#,##0" };
    default:
      return { divisor: 1, label: unit, numFmt: "#,##0.00" };
  }
}

/** Metric groups, one sheet each; a metric not listed (a new one) goes to "Other". */
export const METRIC_GROUPS: readonly { readonly sheet: string; readonly metrics: readonly string[] }[] = [
  { sheet: "Sales and fleet", metrics: ["sales", "ev_sales_share", "stock", "ev_stock", "retirements", "vkt"] },
  {
    sheet: "Energy and CO2",
    metrics: ["fuel_use", "fuel_price", "electricity_demand", "co2_ttw", "co2_wtw", "co2_electricity", "co2_with_electricity", "oil_import_cost"],
  },
  {
    sheet: "Money",
    metrics: [
      "net_fiscal",
      "revenue_change",
      "tax_expenditure",
      "vehicle_tax_change",
      "fuel_duty_lost",
      "subsidy_outlay",
      "financing_support",
      "tax_forgone",
      "nev_levy_revenue",
      "fuel_levy_lost",
      "electricity_tax_gained",
      "charger_support",
      "subsidised_vehicles",
      "tco_per_km",
      "ev_payback_years",
    ],
  },
  { sheet: "Charging and grid", metrics: ["public_chargers", "new_public_chargers", "charger_capex", "peak_charging_load"] },
  {
    sheet: "Batteries and industry",
    metrics: [
      "pack_cost",
      "pack_chemistry_share",
      "battery_demand",
      "battery_demand_cumulative",
      "battery_retirements",
      "lithium_demand",
      "local_value_added",
      "jobs",
      "jobs_lost",
      "jobs_net",
      "ev_imports",
      "ev_exports",
      "fx_net",
    ],
  },
];

/** Row labels from the core's label tables (views/labels.ts), with the plural segment names. */
const SEGMENT_NAMES = SEGMENT_LABELS;
const KEY_NAMES: Readonly<Record<string, string>> = Object.assign({}, ...Object.values(BREAKDOWN_LABELS), SEGMENT_LABELS_SINGULAR);

export interface ReportRun {
  /** What the run is called in the sheets ("NEVP 2025-30 as announced", "reference (counterfactual)"). */
  readonly label: string;
  readonly out: Float64Array;
}

export interface ReportInput {
  readonly title: string;
  readonly scenario: string;
  readonly generated: string;
  readonly version: string;
  readonly baseYear: number;
  readonly nYears: number;
  readonly main: ReportRun;
  readonly counterfactual: ReportRun | null;
  readonly targets: readonly TargetResult[];
  /** Headline figures beyond the targets: label, value, unit (display). */
  readonly figures: readonly { readonly label: string; readonly value: number; readonly unit: string; readonly numFmt: string }[];
  /** Levers moved in the planner: label, value, default (the preset's), unit, from year, source. */
  readonly moved: readonly {
    readonly label: string;
    readonly value: number;
    readonly preset: number;
    readonly unit: string;
    readonly fromYear: number;
    readonly source: string;
  }[];
  readonly differences: readonly SettingDifference[];
  readonly referenceName: string;
  readonly whatItTakes?: { readonly result: WhatItTakes; readonly leverLabel: (id: string) => string } | null;
  readonly probabilities?: readonly { readonly label: string; readonly probability: number }[] | null;
  readonly samples?: number;
  readonly decomposition?: { readonly d: ChangeDecomposition; readonly from: string; readonly factorLabel: (id: string) => string } | null;
}

const years = (x: ReportInput) => Array.from({ length: x.nYears }, (_, t) => x.baseYear + t);

/**
 * Metrics whose every segment is also split by powertrain or key in the wide sheets; the others give the split for
 * all segments together and each segment's total (a segment-by-powertrain table of vehicle-km is for the CSV).
 */
const SEGMENT_SPLITS = new Set(["sales", "stock"]);

/** Six significant digits: what a report shows, and a smaller file to write than full doubles. */
const round6 = (v: number) => (v === 0 ? 0 : +v.toPrecision(6));

function metricRows(def: MetricDef, m: number, run: ReportRun, T: number): { cells: Cell[]; numFmt: string }[] {
  const du = displayUnit(def.unit);
  const keys = def.breakdown ? BREAKDOWN_KEYS[def.breakdown] : [];
  const out: { cells: Cell[]; numFmt: string }[] = [];
  const segs = def.national ? [SEG_TOTAL] : [SEG_TOTAL, ...SEGMENTS.map((_, i) => i)];
  for (const s of segs) {
    for (let b = -1; b < keys.length; b++) {
      if (b >= 0 && s !== SEG_TOTAL && !SEGMENT_SPLITS.has(def.id)) continue;
      const o = rowOffset(m, s, b < 0 ? BRK_ALL : b, T);
      let any = false;
      const vals: number[] = [];
      for (let t = 0; t < T; t++) {
        const v = run.out[o + t] / du.divisor;
        vals.push(Number.isFinite(v) ? round6(v) : NaN);
        if (v !== 0 && Number.isFinite(v)) any = true;
      }
      // Rows that are zero throughout (no sodium-ion buses) are left out; totals always stay.
      if (!any && !(s === SEG_TOTAL && b < 0)) continue;
      out.push({
        cells: [
          run.label,
          `${def.label} (${du.label})`,
          SEGMENT_NAMES[s === SEG_TOTAL ? "total" : SEGMENTS[s]],
          b < 0 ? "all" : (KEY_NAMES[keys[b]] ?? keys[b]),
          ...vals.map((v) => (Number.isNaN(v) ? null : v)),
        ],
        numFmt: du.numFmt,
      });
    }
  }
  return out;
}

function differenceRun(a: ReportRun, b: ReportRun): ReportRun {
  const d = new Float64Array(a.out.length);
  for (let i = 0; i < d.length; i++) d[i] = a.out[i] - b.out[i];
  return { label: `${a.label} minus ${b.label}`, out: d };
}

export function reportWorkbook(x: ReportInput): WorkbookSpec {
  const ys = years(x);
  const head = [
    `evplan · ${x.title}`,
    `Scenario ${x.scenario} · generated ${x.generated} · model ${x.version} · money in constant FY2025 rupees; fiscal year 2030 = July 2029 to June 2030`,
  ];
  const sheets: SheetSpec[] = [];

  // Summary: targets, then other headline figures, what it takes, probabilities.
  const summary: Cell[][] = [];
  const fmts: (string | undefined)[] = [];
  for (const t of x.targets) {
    const du = displayUnit(t.metric === "ev_sales_share" ? "fraction" : t.metric.startsWith("co2") ? "t CO2" : "");
    summary.push([
      t.label,
      t.year,
      t.value / du.divisor,
      (t.sense === "at_most" ? "≤ " : "≥ ") + String(+(t.target / du.divisor).toPrecision(6)),
      du.label,
      t.met ? "met" : "missed",
      t.gap / du.divisor,
    ]);
    fmts.push(du.numFmt);
  }
  for (const f of x.figures) {
    summary.push([f.label, null, f.value, null, f.unit, null, null]);
    fmts.push(f.numFmt);
  }
  if (x.whatItTakes) {
    const w = x.whatItTakes.result;
    for (const a of w.answers) {
      const du = displayUnit(a.unit);
      summary.push([
        `What it takes to reach ${(w.target.value * 100).toFixed(0)}% in ${w.target.year}: ${x.whatItTakes.leverLabel(a.lever)} from ${a.fromYear}`,
        w.target.year,
        a.value === null ? null : a.value / du.divisor,
        a.value === null ? `not reachable within its range (at most ${(a.achieved * 100).toFixed(1)}%)` : `now ${+(a.current / du.divisor).toPrecision(6)}`,
        du.label,
        a.fiscalCost === null ? null : `net fiscal cost to ${w.target.year}: PKR ${(a.fiscalCost / 1e9).toFixed(0)} bn`,
        null,
      ]);
      fmts.push("#,##0.000");
    }
  }
  for (const p of x.probabilities ?? []) {
    summary.push([`Probability: ${p.label}`, null, p.probability, `${x.samples ?? ""} Monte Carlo runs`, "%", null, null]);
    fmts.push("0%");
  }
  sheets.push({
    name: "Summary",
    preamble: head,
    columns: [
      { header: "Figure", width: 62 },
      { header: "Year", width: 7 },
      { header: "Value", width: 14 },
      { header: "Target or note", width: 40 },
      { header: "Unit", width: 12 },
      { header: "Status", width: 30 },
      { header: "Gap (value minus target)", width: 14 },
    ],
    rows: summary,
    rowFormats: fmts,
    frozenColumns: 1,
  });

  // Settings: moved levers against the preset, then the scenario against the reference, with sources.
  const settings: Cell[][] = [];
  const sFmts: (string | undefined)[] = [];
  for (const m of x.moved) {
    settings.push(["moved in the planner", m.label, m.fromYear, m.value, m.preset, m.unit, m.source]);
    sFmts.push("#,##0.####");
  }
  for (const d of x.differences) {
    settings.push([
      `differs from ${x.referenceName}`,
      `${d.label}${d.key ? ` (${KEY_NAMES[d.key] ?? SEGMENT_NAMES[d.key] ?? d.key})` : ""}`,
      d.year,
      d.value,
      d.reference,
      d.unit,
      d.url ? `${d.source} <${d.url}>` : d.source,
    ]);
    sFmts.push("#,##0.####");
  }
  sheets.push({
    name: "Settings",
    preamble: head,
    columns: [
      { header: "Kind", width: 22 },
      { header: "Setting", width: 52 },
      { header: "From year", width: 10 },
      { header: "Value", width: 14 },
      { header: "Default or reference", width: 18 },
      { header: "Unit", width: 14 },
      { header: "Source", width: 90 },
    ],
    rows: settings,
    rowFormats: sFmts,
    frozenColumns: 2,
  });

  // One wide sheet per metric group: the scenario, the counterfactual and their difference.
  const runs = [x.main, ...(x.counterfactual ? [x.counterfactual, differenceRun(x.main, x.counterfactual)] : [])];
  const grouped = new Set(METRIC_GROUPS.flatMap((g) => g.metrics));
  const groups = [...METRIC_GROUPS, { sheet: "Other", metrics: METRICS.map((d) => d.id).filter((id) => !grouped.has(id)) }];
  for (const g of groups) {
    const rows: Cell[][] = [];
    const rf: string[] = [];
    for (const run of runs)
      for (const id of g.metrics) {
        const m = METRICS.findIndex((d) => d.id === id);
        if (m < 0) continue;
        for (const r of metricRows(METRICS[m], m, run, x.nYears)) {
          rows.push(r.cells);
          rf.push(r.numFmt);
        }
      }
    if (!rows.length) continue;
    sheets.push({
      name: g.sheet,
      preamble: head,
      columns: [
        { header: "Scenario", width: 34 },
        { header: "Metric (unit)", width: 48 },
        { header: "Segment", width: 22 },
        { header: "Split", width: 22 },
        ...ys.map((y) => ({ header: String(y), width: 11 })),
      ],
      rows,
      rowFormats: rf,
      frozenColumns: 4,
    });
  }

  if (x.decomposition) {
    const { d, from, factorLabel } = x.decomposition;
    const rows: Cell[][] = [
      [`comparison: ${from}`, d.from[0], d.from[1] / 1e9],
      ...d.factors.map((f) => [factorLabel(f.factor), f.effects[0], f.effects[1] / 1e9] as Cell[]),
      ["interaction of the inputs", d.interaction[0], d.interaction[1] / 1e9],
      ["current settings", d.to[0], d.to[1] / 1e9],
    ];
    sheets.push({
      name: "Why it changed",
      preamble: [...head, "Each input moved alone from the comparison to the current settings; the interaction makes the parts add up."],
      columns: [
        { header: "Step", width: 60 },
        { header: "EV share of new sales 2030 (change, %)", width: 22, numFmt: "+0.00%;-0.00%;0.00%" },
        { header: "Net fiscal cost to 2030 (change, PKR bn)", width: 22, numFmt: "+#,##0.0;-#,##0.0;0.0" },
      ],
      rows,
      frozenColumns: 1,
    });
  }
  return { sheets };
}

/** The parts of ExcelJS that the writer uses (the module is passed in by the caller). */
export interface ExcelLike {
  Workbook: new () => {
    creator: string;
    created: Date;
    addWorksheet(
      name: string,
      opts?: object,
    ): {
      columns: object[];
      addRow(values: unknown[]): { font: object; numFmt: string; fill: object; height: number; getCell(i: number): { numFmt: string; font: object } };
      getRow(i: number): { font: object; fill: object; alignment: object };
      autoFilter: object;
      views: object[];
    };
    xlsx: { writeBuffer(): Promise<ArrayBuffer | Uint8Array> };
  };
}

/** Writes the workbook: a bold, shaded header row under the preamble, frozen with the leading columns, with filters. */
export async function writeWorkbook(spec: WorkbookSpec, ExcelJS: ExcelLike): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "evplan";
  wb.created = new Date(0);
  for (const s of spec.sheets) {
    const headerRow = s.preamble.length + 2;
    const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", xSplit: s.frozenColumns, ySplit: headerRow }] });
    ws.columns = s.columns.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    s.preamble.forEach((line, i) => (ws.addRow([line]).font = i === 0 ? { bold: true, size: 13 } : { color: { argb: "FF475569" } }));
    ws.addRow([]);
    const h = ws.addRow(s.columns.map((c) => c.header));
    h.font = { bold: true, color: { argb: "FFFFFFFF" } };
    h.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF0F766E" } };
    s.rows.forEach((r, i) => {
      const row = ws.addRow(r as unknown[]);
      const f = s.rowFormats?.[i];
      if (f) for (let c = 1; c <= r.length; c++) if (typeof r[c - 1] === "number") row.getCell(c).numFmt = f;
    });
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + s.rows.length, column: s.columns.length } };
  }
  const buf = await wb.xlsx.writeBuffer();
  return buf instanceof Uint8Array ? buf : new Uint8Array(buf);
}
