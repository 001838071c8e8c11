// One ECharts chart, updated in place (no re-creation) when its option changes.
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, DatasetComponent } from "echarts/components";
import { SVGRenderer, CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, DatasetComponent, SVGRenderer, CanvasRenderer]);

export interface ChartProps {
  id: string;
  title: string;
  option: echarts.EChartsCoreOption | null;
  docAnchor: string;
  methodLabel: string;
  pngLabel: string;
  onRendered?: (id: string) => void;
}

export function Chart({ id, title, option, docAnchor, methodLabel, pngLabel, onRendered }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    chart.current = echarts.init(el.current, undefined, { renderer: "canvas" });
    const resize = () => chart.current?.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    if (chart.current && option) {
      // Replace series (their count may change) but keep components: cheaper than rebuilding the chart.
      chart.current.setOption(option, { replaceMerge: ["series"], lazyUpdate: false });
      onRendered?.(id);
    }
  }, [option, id, onRendered]);
  const png = () => {
    const url = chart.current?.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
    if (!url) return;
    const a = document.createElement("a");
    a.href = url;
    a.download = `evplan-${id}.png`;
    a.click();
  };
  return (
    <figure className="chart" data-chart={id}>
      <figcaption>
        <span>{title}</span>
        <span className="chart-actions">
          <a href={`docs/model.md#${docAnchor}`} target="_blank" rel="noreferrer" title="docs/model.md">
            {methodLabel}
          </a>
          <button type="button" onClick={png} aria-label={`${pngLabel} ${title}`}>
            {pngLabel}
          </button>
        </span>
      </figcaption>
      <div ref={el} className="chart-canvas" />
    </figure>
  );
}
