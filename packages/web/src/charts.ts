// The result charts, declared as data: each names the metric ids it reads (it shows a placeholder until they
// exist in the core's METRICS), its unit, its section of docs/model.md, and builds an ECharts option from a run.
import { LEDGER_LINES, LEDGER_MEMO, LEDGER_NET, SEGMENTS } from "@evplan/core";
import type { RunReply } from "./protocol";
import type { Labels } from "./labels";
import { has, row } from "./results";
import { dollars, fmtNumber, fmtPct, money } from "./format";
import type { Strings } from "./i18n";

const INK = "#0f172a";
/** The ledger's colours: outlays in teal and blue, revenue gained in violet, revenue lost in amber. */
const LEDGER_COLORS: Record<string, string> = {
  subsidy_outlay: "#0f766e",
  financing_support: "#14b8a6",
  charger_support: "#2563eb",
  vehicle_tax_change: "#db2777",
  nev_levy_revenue: "#7c3aed",
  electricity_tax_gained: "#a78bfa",
  fuel_levy_lost: "#f59e0b",
  fuel_duty_lost: "#d97706",
};
const PALETTE = ["#0f766e", "#2563eb", "#d97706", "#7c3aed", "#dc2626", "#64748b", "#16a34a", "#db2777"];
/** What a chart may show beside the current settings: a preset picked under "Compare with". */
export interface Comparison {
  readonly name: string;
  readonly run: RunReply;
}

export interface ChartDef {
  readonly id: string;
  readonly title: keyof Strings;
  /** Unit line under the title, as an interface string. */
  readonly unit: keyof Strings;
  readonly metrics: readonly string[];
  readonly doc: string;
  readonly build: (r: RunReply, cmp: Comparison | null, L: Labels) => object | null;
}

function years(r: RunReply): number[] {
  return Array.from({ length: r.nYears }, (_, i) => r.baseYear + i);
}

/** A font stack that exists outside the page too (exported SVG files), with the bundled Urdu font first for Urdu text. */
export const CHART_FONT = '"Noto Naskh Arabic", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif';

/** Vertical lines at the years a policy switches (subsidy end, levy start), labelled at the top. */
function eventLines(r: RunReply, L: Labels) {
  if (!r.events.length) return {};
  return {
    markLine: {
      symbol: "none",
      silent: true,
      animation: false,
      lineStyle: { type: "dotted", color: "#475569", width: 1.2 },
      label: { position: "insideEndTop", color: "#334155", fontSize: 10.5, fontFamily: CHART_FONT },
      data: r.events.map((e) => ({
        xAxis: String(e.year),
        label: { formatter: `${e.kind === "subsidy_end" ? L.series("subsidyEnd") : L.series("levyStart")} ${e.year}` },
      })),
    },
  };
}

const CMP_STYLE = { width: 2, type: "dashed", color: INK, opacity: 0.55 } as const;

function base(r: RunReply, fmt: (x: number) => string, opts: { top?: number } = {}) {
  return {
    color: PALETTE,
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    // The legend is HTML beside the chart (see Chart.tsx); the component stays for toggling series.
    // Fixed margins that fit the labels: ECharts 6 otherwise measures every axis label on every redraw to fit
    // them ("outer bounds"), a fifth of a redraw's time.
    grid: { left: 64, right: 18, top: opts.top ?? 12, bottom: 26, outerBoundsMode: "none" },
    legend: { show: false },
    tooltip: { trigger: "axis", confine: true, valueFormatter: (v: number) => (v == null ? "–" : fmt(v)), textStyle: { fontSize: 12 } },
    xAxis: {
      type: "category",
      data: years(r),
      axisLabel: { interval: 4, color: "#475569" },
      axisTick: { alignWithLabel: true, interval: 4 },
      axisLine: { lineStyle: { color: "#94a3b8" } },
    },
    yAxis: { type: "value", axisLabel: { formatter: (v: number) => fmt(v), color: "#475569" }, splitLine: { lineStyle: { color: "#eef2f6" } } },
  };
}

// Series are "silent" (no hover states of their own): the axis tooltip shows the year's values, and every chart
// redraws about a tenth faster without per-element event handling and emphasis styles.
const QUIET = { silent: true, emphasis: { disabled: true } } as const;
const line = (name: string, data: number[], extra: object = {}) => ({ name, type: "line", showSymbol: false, symbol: "none", data, ...QUIET, ...extra });
// Each series' bars drawn as one path ("large" mode, forced at any size): the bars of nine charts are otherwise a few
// hundred elements to diff and paint on every slider step. Hover still shows the year's values (axis tooltip).
const bar = (name: string, data: number[], stack?: string) => ({
  name,
  type: "bar",
  stack,
  data,
  barCategoryGap: "25%",
  large: true,
  largeThreshold: 1,
  ...QUIET,
});
const cumulative = (xs: number[]) => {
  let s = 0;
  return xs.map((x) => (s += x));
};

export const CHARTS: readonly ChartDef[] = [
  {
    id: "share",
    title: "chartShare",
    unit: "unitShare",
    metrics: ["ev_sales_share"],
    doc: "2-sales",
    build(r, cmp, L) {
      const targets = r.targets.filter((t) => t.metric === "ev_sales_share" && t.segment === "total");
      const ys = years(r);
      const pct = (v: number) => fmtPct(v, 0);
      return {
        ...base(r, pct, { top: 22 }),
        tooltip: { trigger: "axis", confine: true, valueFormatter: (v: number) => (v == null ? "–" : fmtPct(v, 1)) },
        yAxis: { ...base(r, pct).yAxis, min: 0, max: 1 },
        series: [
          ...SEGMENTS.map((s) => line(L.segments(s), row(r.main, r.nYears, "ev_sales_share", s), { lineStyle: { width: 1.5 } })),
          line(L.segments("total"), row(r.main, r.nYears, "ev_sales_share"), {
            lineStyle: { width: 3.5, color: INK },
            itemStyle: { color: INK },
            z: 5,
            ...eventLines(r, L),
          }),
          ...(cmp
            ? [
                line(`${cmp.name} (${L.series("all")})`, row(cmp.run.main, cmp.run.nYears, "ev_sales_share"), {
                  lineStyle: CMP_STYLE,
                  itemStyle: { color: INK },
                }),
              ]
            : []),
          {
            name: L.series("targets"),
            type: "scatter",
            tooltip: { show: false }, // labelled on the chart; a dash in every other year's tooltip is noise
            symbol: "diamond",
            symbolSize: 13,
            itemStyle: { color: "#fff", borderColor: INK, borderWidth: 2 },
            label: {
              show: true,
              position: "top",
              formatter: (p: { value: [string, number] }) => `${fmtPct(p.value[1], 0)} ${L.series("target")}`,
              fontSize: 11,
              fontFamily: CHART_FONT,
              color: INK,
            },
            // Only the target years, as [year, value]: the other 30-odd points would be empty labels to lay out.
            data: targets.filter((t) => ys.includes(t.year)).map((t) => [String(t.year), t.target]),
            z: 6,
          },
        ],
      };
    },
  },
  {
    id: "fleet",
    title: "chartFleet",
    unit: "unitFleet",
    metrics: ["stock"],
    doc: "5-fleet-stock-turnover",
    build(r, _cmp, L) {
      const pts: [string, string][] = (["ice", "hev", "phev", "bev"] as const).map((p) => [p, L.key(p)]);
      const millions = (v: number) => fmtNumber(v / 1e6, v !== 0 && Math.abs(v) < 1e7 ? 1 : 0);
      const o = base(r, millions);
      return {
        ...o,
        tooltip: { ...o.tooltip, valueFormatter: (v: number) => `${fmtNumber(v, 0)} ${L.valueUnit("vehicles")}` },
        color: ["#94a3b8", "#d97706", "#2563eb", "#0f766e"],
        series: pts.map(([p, name]) =>
          line(name, row(r.main, r.nYears, "stock", "total", p), { stack: "fleet", areaStyle: { opacity: 0.85 }, lineStyle: { width: 0 } }),
        ),
      };
    },
  },
  {
    id: "co2",
    title: "chartCo2",
    unit: "unitCo2",
    metrics: ["co2_ttw", "co2_wtw"],
    doc: "6-activity-energy-emissions",
    build(r, cmp, L) {
      const mt = (v: number) => `${fmtNumber(v / 1e6, 0)}`;
      const series: object[] = [
        line(L.series("ttw"), row(r.main, r.nYears, "co2_ttw"), { lineStyle: { width: 3 } }),
        line(L.series("wtw"), row(r.main, r.nYears, "co2_wtw"), { lineStyle: { width: 1.5 } }),
      ];
      if (r.counterfactual)
        series.push(
          line(
            `${L.preset(r.counterfactualName ?? "", r.counterfactualName ?? "")} (${L.series("counterfactual")})`,
            row(r.counterfactual, r.nYears, "co2_ttw"),
            {
              lineStyle: { width: 2, type: "dashed" },
            },
          ),
        );
      if (cmp)
        series.push(
          line(`${cmp.name}, ${L.series("tankToWheel")}`, row(cmp.run.main, cmp.run.nYears, "co2_ttw"), { lineStyle: CMP_STYLE, itemStyle: { color: INK } }),
        );
      return {
        ...base(r, mt),
        tooltip: { ...base(r, mt).tooltip, valueFormatter: (v: number) => `${fmtNumber(v / 1e6, 1)} ${L.valueUnit("mtCo2")}` },
        series,
      };
    },
  },
  {
    id: "ledger",
    title: "chartLedger",
    unit: "unitLedger",
    // The core's ledger lines (views/ledger.ts), each with its sign in the net: the bars add up to the net line.
    metrics: [...LEDGER_LINES.map((l) => l.metric), LEDGER_NET, LEDGER_MEMO],
    doc: "9-economy-and-public-finances",
    build(r, cmp, L) {
      const items = LEDGER_LINES.map((l) => [l.metric, L.series(l.metric as never), l.inNet, LEDGER_COLORS[l.metric] ?? INK] as const);
      const bn = (v: number) => `${fmtNumber(v / 1e9, 0)}`;
      const series: object[] = [
        ...items.map(([id, name, sign, color]) => ({
          ...bar(
            name,
            row(r.main, r.nYears, id).map((v) => sign * v),
            "ledger",
          ),
          itemStyle: { color },
        })),
        // Beside the net, not in it: what the concessions cost at standard rates.
        line(L.series("tax_expenditure"), row(r.main, r.nYears, LEDGER_MEMO), {
          lineStyle: { width: 1.5, type: "dotted", color: "#92400e" },
          itemStyle: { color: "#92400e" },
          symbol: "none",
        }),
        line(L.series("net"), row(r.main, r.nYears, LEDGER_NET), {
          lineStyle: { width: 3, color: INK },
          itemStyle: { color: INK },
          z: 5,
          ...eventLines(r, L),
        }),
      ];
      if (cmp)
        series.push(
          line(`${cmp.name}, ${L.series("netShort")}`, row(cmp.run.main, cmp.run.nYears, "net_fiscal"), { lineStyle: CMP_STYLE, itemStyle: { color: INK } }),
        );
      return { ...base(r, bn), tooltip: { ...base(r, bn).tooltip, valueFormatter: (v: number) => money(v, L, 1) }, series };
    },
  },
  {
    id: "oil",
    title: "chartOil",
    unit: "unitOil",
    metrics: ["oil_import_cost"],
    doc: "6-activity-energy-emissions",
    build(r, _cmp, L) {
      if (!r.counterfactual) return null;
      const cf = row(r.counterfactual, r.nYears, "oil_import_cost");
      const sc = row(r.main, r.nYears, "oil_import_cost");
      const saved = cf.map((x, i) => x - sc[i]);
      const usd = (v: number) => `${fmtNumber(v / 1e9, v !== 0 && Math.abs(v) < 1e10 ? 1 : 0)}`;
      const o = base(r, usd);
      return {
        ...o,
        tooltip: { ...o.tooltip, valueFormatter: (v: number) => dollars(v, L, 2) },
        yAxis: [o.yAxis, { ...o.yAxis, splitLine: { show: false } }],
        grid: { ...o.grid, right: 56 },
        series: [
          bar(`${L.series("avoidedVs")} ${L.preset(r.counterfactualName ?? "", r.counterfactualName ?? "")}`, saved),
          line(L.series("cumulativeRight"), cumulative(saved), { yAxisIndex: 1, lineStyle: { width: 2, color: INK }, itemStyle: { color: INK } }),
        ],
      };
    },
  },
  {
    id: "chargers",
    title: "chartChargers",
    unit: "unitChargers",
    metrics: ["public_chargers"],
    doc: "7-charging-infrastructure-and-grid",
    build(r, _cmp, L) {
      const kinds: [string, string][] = (["ac", "dc_fast", "swap_station"] as const).map((k) => [k, L.key(k)]);
      const n = (v: number) => fmtNumber(v, 0);
      return {
        ...base(r, n),
        tooltip: { ...base(r, n).tooltip, valueFormatter: (v: number) => `${fmtNumber(v, 0)} ${L.valueUnit("points")}` },
        series: kinds.map(([k, name]) => bar(name, row(r.main, r.nYears, "public_chargers", "total", k), "points")),
      };
    },
  },
  {
    id: "peak",
    title: "chartPeak",
    unit: "unitPeak",
    metrics: ["peak_charging_load"],
    doc: "7-charging-infrastructure-and-grid",
    build(r, _cmp, L) {
      const mw = (v: number) => `${fmtNumber(v, 0)}`;
      const o = base(r, mw);
      return {
        ...o,
        tooltip: { ...o.tooltip, valueFormatter: (v: number) => `${fmtNumber(v, 0)} ${L.valueUnit("mw")}` },
        series: [
          line(L.series("peak"), row(r.main, r.nYears, "peak_charging_load"), { areaStyle: { opacity: 0.25 }, lineStyle: { width: 2.5 } }),
          ...(r.gridCapacity.length
            ? [
                line(
                  L.series("onePct"),
                  r.gridCapacity.map((c) => c * 0.01),
                  { lineStyle: { type: "dashed", width: 1.5, color: "#dc2626" }, itemStyle: { color: "#dc2626" } },
                ),
              ]
            : []),
        ],
      };
    },
  },
  {
    id: "battery",
    title: "chartBattery",
    unit: "unitBattery",
    metrics: ["battery_demand"],
    doc: "8-batteries-and-industry",
    build(r, _cmp, L) {
      const gwh = (v: number) => `${fmtNumber(v, v !== 0 && Math.abs(v) < 10 ? 1 : 0)}`;
      const o = base(r, gwh);
      const chem: [string, string][] = (["lfp", "nmc", "sodium_ion"] as const).map((k) => [k, L.key(k)]);
      return {
        ...o,
        tooltip: { ...o.tooltip, valueFormatter: (v: number) => `${fmtNumber(v, 2)} ${L.valueUnit("gwh")}` },
        series: chem.map(([k, name]) => bar(name, row(r.main, r.nYears, "battery_demand", "total", k), "gwh")),
      };
    },
  },
  {
    id: "jobs",
    title: "chartJobs",
    unit: "unitJobs",
    metrics: ["jobs"],
    doc: "8-batteries-and-industry",
    build(r, _cmp, L) {
      const o = base(r, (v) => fmtNumber(v, 0));
      return {
        ...o,
        tooltip: { ...o.tooltip, valueFormatter: (v: number) => `${fmtNumber(v, 0)} ${L.valueUnit("jobs")}` },
        series: [bar(L.series("jobs"), row(r.main, r.nYears, "jobs"))],
      };
    },
  },
];

/** The metric ids a chart needs that the core does not (yet) produce. */
export function missingMetrics(def: { metrics: readonly string[] }): string[] {
  return def.metrics.filter((m) => !has(m));
}
