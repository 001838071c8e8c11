// Chart options built from a run's buffers. One function per chart; all share the same look.
import { SEGMENTS } from "@evplan/core";
import type { RunReply } from "./protocol";
import { row } from "./results";
import { fmtCompact, fmtNumber, fmtPct } from "./format";

const PALETTE = ["#0f766e", "#2563eb", "#d97706", "#7c3aed", "#dc2626", "#475569", "#16a34a", "#db2777"];
const SEG_LABEL: Record<string, string> = { two_wheeler: "2-wheelers", three_wheeler: "3-wheelers", car: "cars", lcv: "LCVs", bus: "buses", truck: "trucks", total: "all" };

function years(r: RunReply): number[] {
  return Array.from({ length: r.nYears }, (_, i) => r.baseYear + i);
}

function base(r: RunReply, unitFormat: (x: number) => string, yName: string, stacked = false) {
  return {
    color: PALETTE,
    animation: false,
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, type: "scroll", textStyle: { fontSize: 11 } },
    tooltip: { trigger: "axis", valueFormatter: (v: number) => unitFormat(v) },
    xAxis: { type: "category", data: years(r), axisLabel: { interval: 4 } },
    yAxis: { type: "value", name: yName, nameTextStyle: { align: "left" }, axisLabel: { formatter: (v: number) => unitFormat(v) } },
    stacked,
  };
}

export function shareChart(r: RunReply) {
  const segs = [...SEGMENTS, "total"];
  const targets = r.targets.filter((t) => t.metric === "ev_sales_share");
  return {
    ...base(r, (v) => fmtPct(v, 0), "share of sales"),
    yAxis: { type: "value", max: 1, axisLabel: { formatter: (v: number) => fmtPct(v, 0) } },
    tooltip: { trigger: "axis", valueFormatter: (v: number) => fmtPct(v, 1) },
    series: [
      ...segs.map((s) => ({
      name: SEG_LABEL[s],
      type: "line",
      showSymbol: false,
      lineStyle: { width: s === "total" ? 3 : 1.5 },
      data: row(r.main, r.nYears, "ev_sales_share", s),
    })),
      {
        name: "targets (all segments)",
        type: "line",
        symbol: "diamond",
        symbolSize: 12,
        lineStyle: { opacity: 0 },
        itemStyle: { color: "#111" },
        data: years(r).map((y) => targets.find((t) => t.segment === "total" && t.year === y)?.target ?? null),
      },
    ],
  };
}

export function fleetChart(r: RunReply) {
  const pts = ["ice", "hev", "phev", "bev"];
  return {
    ...base(r, fmtCompact, "vehicles"),
    series: pts.map((p) => ({ name: p.toUpperCase(), type: "line", stack: "fleet", areaStyle: {}, showSymbol: false, data: row(r.main, r.nYears, "stock", "total", p) })),
  };
}

export function co2Chart(r: RunReply) {
  const mt = (v: number) => `${fmtNumber(v / 1e6, 1)} Mt`;
  const series = [
    { name: "scenario, tank-to-wheel", type: "line", showSymbol: false, lineStyle: { width: 3 }, data: row(r.main, r.nYears, "co2_ttw") },
    { name: "scenario, well-to-wheel", type: "line", showSymbol: false, data: row(r.main, r.nYears, "co2_wtw") },
  ];
  if (r.counterfactual)
    series.push({ name: `${r.counterfactualName}, tank-to-wheel`, type: "line", showSymbol: false, lineStyle: { width: 2, type: "dashed" } as never, data: row(r.counterfactual, r.nYears, "co2_ttw") });
  return { ...base(r, mt, "t CO2"), series };
}

export function ledgerChart(r: RunReply) {
  const items: [string, string, number][] = [
    ["subsidy_outlay", "subsidies", 1],
    ["financing_support", "markup support", 1],
    ["tax_forgone", "tax forgone", 1],
    ["fuel_levy_lost", "fuel levy lost", 1],
    ["charger_support", "charger support", 1],
    ["nev_levy_revenue", "NEV levy (revenue)", -1],
    ["electricity_tax_gained", "electricity tax (revenue)", -1],
  ];
  const bn = (v: number) => `PKR ${fmtNumber(v / 1e9, 0)} bn`;
  return {
    ...base(r, bn, "PKR"),
    series: [
      ...items.map(([id, name, sign]) => ({ name, type: "bar", stack: "ledger", data: row(r.main, r.nYears, id).map((v) => sign * v) })),
      { name: "net fiscal cost", type: "line", showSymbol: false, lineStyle: { width: 3, color: "#111" }, itemStyle: { color: "#111" }, data: row(r.main, r.nYears, "net_fiscal") },
    ],
  };
}

export function oilChart(r: RunReply) {
  if (!r.counterfactual) return null;
  const cf = row(r.counterfactual, r.nYears, "oil_import_cost");
  const sc = row(r.main, r.nYears, "oil_import_cost");
  const usd = (v: number) => `USD ${fmtNumber(v / 1e9, 2)} bn`;
  return { ...base(r, usd, "USD"), series: [{ name: `avoided vs ${r.counterfactualName}`, type: "bar", data: cf.map((x, i) => x - sc[i]) }] };
}

export function chargersChart(r: RunReply) {
  return {
    ...base(r, fmtCompact, "points"),
    series: ["ac", "dc_fast", "swap_station"].map((k) => ({ name: k.replace("_", " "), type: "bar", stack: "points", data: row(r.main, r.nYears, "public_chargers", "total", k) })),
  };
}

export function peakChart(r: RunReply) {
  const mw = (v: number) => `${fmtNumber(v, 0)} MW`;
  return {
    ...base(r, mw, "MW"),
    series: [
      { name: "peak charging load", type: "line", showSymbol: false, areaStyle: {}, data: row(r.main, r.nYears, "peak_charging_load") },
      { name: "1% of installed capacity", type: "line", showSymbol: false, lineStyle: { type: "dashed" }, data: r.gridCapacity.map((c) => c * 0.01) },
    ],
  };
}

export function batteryChart(r: RunReply) {
  const gwh = (v: number) => `${fmtNumber(v, 2)} GWh`;
  return {
    ...base(r, gwh, "GWh"),
    series: ["lfp", "nmc", "sodium_ion"].map((k) => ({ name: k.replace("_", "-").toUpperCase(), type: "bar", stack: "gwh", data: row(r.main, r.nYears, "battery_demand", "total", k) })),
  };
}

export function jobsChart(r: RunReply) {
  return { ...base(r, fmtCompact, "jobs"), series: [{ name: "direct jobs", type: "bar", data: row(r.main, r.nYears, "jobs") }] };
}
