// Why it changed: the 2030 EV share and the net fiscal cost to 2030, from the comparison to the current settings,
// one input at a time with the interaction remainder, as waterfalls (the decomposition is computed in the worker).
import { memo, useMemo } from "react";
import type { ChangeDecomposition } from "@evplan/core";
import { Chart } from "./Chart";
import { CHART_FONT } from "./charts";
import type { Strings } from "./i18n";
import type { Labels } from "./labels";
import { fmtNumber, signed } from "./format";

/** How many inputs get a bar of their own; the rest are summed into one. */
const SHOWN = 6;

export interface WaterfallStep {
  readonly label: string;
  readonly value: number;
  /** "end" bars stand on zero (the comparison and the current value); "step" bars float. */
  readonly kind: "end" | "step";
}

/** The bars of one metric's waterfall: comparison, the largest inputs, the rest, the interaction, current. */
export function waterfallSteps(
  d: ChangeDecomposition,
  i: number,
  names: { factor: (id: string) => string; other: string; interaction: string; from: string; to: string },
): WaterfallStep[] {
  const factors = [...d.factors].sort((a, b) => Math.abs(b.effects[i]) - Math.abs(a.effects[i]));
  const top = factors.slice(0, SHOWN);
  const rest = factors.slice(SHOWN).reduce((s, f) => s + f.effects[i], 0);
  return [
    { label: names.from, value: d.from[i], kind: "end" },
    ...top.map((f) => ({ label: names.factor(f.factor), value: f.effects[i], kind: "step" as const })),
    ...(factors.length > SHOWN ? [{ label: `${names.other} (${factors.length - SHOWN})`, value: rest, kind: "step" as const }] : []),
    { label: names.interaction, value: d.interaction[i], kind: "step" },
    { label: names.to, value: d.to[i], kind: "end" },
  ];
}

/** A name cut to `n` characters with an ellipsis (the full names are in the tooltip and the data table). */
const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

function waterfallOption(steps: WaterfallStep[], scale: number, fmt: (v: number) => string) {
  // On a phone the input names get less room, so that the bars keep most of the width.
  const narrow = typeof matchMedia === "function" && matchMedia("(max-width: 640px)").matches;
  let level = 0;
  const base: (number | string)[] = [];
  const up: (number | string)[] = [];
  const down: (number | string)[] = [];
  const ends: (number | string)[] = [];
  for (const s of steps) {
    const v = s.value * scale;
    if (s.kind === "end") {
      level = v;
      base.push("-");
      up.push("-");
      down.push("-");
      ends.push(v);
    } else {
      const next = level + v;
      base.push(Math.min(level, next));
      (v >= 0 ? up : down).push(Math.abs(v));
      (v >= 0 ? down : up).push("-");
      ends.push("-");
      level = next;
    }
  }
  const label = { show: true, position: "right", fontSize: 10.5, fontFamily: CHART_FONT, color: "#0f172a" };
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: narrow ? 118 : 200, right: narrow ? 52 : 70, top: 8, bottom: 24, outerBoundsMode: "none" },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: { dataIndex: number }[]) =>
        `${steps[ps[0].dataIndex].label}: ${steps[ps[0].dataIndex].kind === "end" ? fmt(steps[ps[0].dataIndex].value * scale) : signed(steps[ps[0].dataIndex].value * scale, 1)}`,
    },
    xAxis: { type: "value", axisLabel: { formatter: (v: number) => fmtNumber(v, 0), color: "#475569" }, splitLine: { lineStyle: { color: "#eef2f6" } } },
    yAxis: {
      type: "category",
      inverse: true,
      data: steps.map((s) => short(s.label, narrow ? 17 : 30)),
      axisLabel: { fontSize: narrow ? 10 : 11, color: "#334155" },
    },
    series: [
      { name: "base", type: "bar", stack: "w", data: base, itemStyle: { color: "transparent" }, silent: true, legend: false, tooltip: { show: false } },
      {
        name: "+",
        legend: false,
        type: "bar",
        stack: "w",
        data: up,
        itemStyle: { color: "#b45309" },
        label: { ...label, formatter: (p: { value: number }) => signed(p.value, 1) },
      },
      {
        name: "−",
        legend: false,
        type: "bar",
        stack: "w",
        data: down,
        itemStyle: { color: "#0f766e" },
        label: { ...label, formatter: (p: { value: number }) => signed(-p.value, 1) },
      },
      {
        name: "=",
        legend: false,
        type: "bar",
        stack: "w",
        data: ends,
        itemStyle: { color: "#334155" },
        label: { ...label, formatter: (p: { value: number }) => fmt(p.value) },
      },
    ],
  };
}

export const WhyChanged = memo(function WhyChanged({
  d,
  factorLabels,
  compareName,
  t,
  L,
}: {
  d: ChangeDecomposition;
  factorLabels: Record<string, string>;
  compareName: string;
  t: Strings;
  L: Labels;
}) {
  const names = useMemo(
    () => ({
      factor: (id: string) => (id === "mode" ? t.modeFactor : L.parameter(id, factorLabels[id] ?? id)),
      other: t.otherLevers,
      interaction: t.interaction,
      from: compareName,
      to: t.currentValue,
    }),
    [t, L, factorLabels, compareName],
  );
  const options = useMemo(
    () => ({
      share: waterfallOption(waterfallSteps(d, 0, names), 100, (v) => `${fmtNumber(v, 1)}%`),
      fiscal: waterfallOption(waterfallSteps(d, 1, names), 1e-9, (v) => fmtNumber(v, 0)),
    }),
    [d, names],
  );
  const tables = useMemo(() => {
    const rows = (i: number, scale: number, digits: number, pct: boolean) =>
      waterfallSteps(d, i, { ...names, from: `${t.comparisonValue}: ${compareName}` }).map((s) => [
        s.label,
        s.kind === "end" ? `${fmtNumber(s.value * scale, digits)}${pct ? "%" : ""}` : signed(s.value * scale, digits),
      ]);
    return {
      share: { head: [t.factor, t.shareChange], rows: rows(0, 100, 1, true) },
      fiscal: { head: [t.factor, t.fiscalChange], rows: rows(1, 1e-9, 1, false) },
    };
  }, [d, names, t, compareName]);
  return (
    <section className="why panel" aria-labelledby="why-title" data-testid="why-changed">
      <h2 id="why-title">{t.whyChanged}</h2>
      <p className="hint">{t.whyHint}</p>
      <div className="charts why-charts">
        <Chart id="why-share" title={t.shareChange} option={options.share} table={tables.share} docAnchor="2-sales" t={t} />
        <Chart id="why-fiscal" title={t.fiscalChange} option={options.fiscal} table={tables.fiscal} docAnchor="9-economy-and-public-finances" t={t} />
      </div>
    </section>
  );
});
