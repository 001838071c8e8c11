// Bringing an ECharts chart up to a new option at the least cost: shared by charts drawn on the page and charts
// drawn in the chart workers.
import type { EChartsCoreOption, ECharts } from "echarts/core";

type Data = ArrayLike<unknown> | undefined;

/** What a chart shows now: the option's structure (all but the data) and the data. */
export interface Shown {
  structure: string;
  data: Data[];
}

export const nothingShown = (): Shown => ({ structure: "", data: [] });

const seriesData = (o: EChartsCoreOption): Data[] => ((o as { series?: { data?: Data }[] }).series ?? []).map((x) => x.data);

/** Whether two options with the same structure carry the same numbers (a lever that does not touch this chart). */
function sameData(a: Data[], b: Data[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!x || !y || x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) {
      const u = x[j];
      const v = y[j];
      // Points such as [year, value] are compared by their parts.
      if (u !== v && !(Array.isArray(u) && Array.isArray(v) && u.length === v.length && u.every((p, k) => p === v[k]))) return false;
    }
  }
  return true;
}

/** Everything but the series' data: when it is unchanged, a redraw needs only the new data. */
function structureKey(option: EChartsCoreOption): string {
  const o = option as { series?: { data?: unknown }[] };
  return JSON.stringify({ ...o, series: (o.series ?? []).map((x) => ({ ...x, data: undefined })) });
}

/**
 * Draws `option` on `chart`, which shows `shown`. Same structure (series names and types, axes): only the new
 * data is merged in (ECharts clones whatever it is given) and nothing at all when the numbers are those on screen.
 * Otherwise series and axes are replaced (their number may have changed) and the legend's hidden series kept.
 */
export function applyOption(chart: ECharts, option: EChartsCoreOption, shown: Shown, hidden: ReadonlySet<string>): Shown {
  const structure = structureKey(option);
  const data = seriesData(option);
  if (structure === shown.structure) {
    if (!sameData(data, shown.data)) chart.setOption({ series: data.map((d) => ({ data: d })) }, { lazyUpdate: false });
  } else
    chart.setOption(
      { ...option, legend: { show: false, selected: Object.fromEntries([...hidden].map((n) => [n, false])) } },
      { replaceMerge: ["series", "grid", "xAxis", "yAxis"], lazyUpdate: false },
    );
  return { structure, data };
}
