// ECharts, for what the page's own renderer (plot.ts) does not draw: exported chart files (PNG, SVG, with their
// title and caption) and the on-demand panels' charts (uncertainty, what changed, backtest). A chunk of its own,
// loaded on first use, so that the first screen does not carry it.
import * as echarts from "echarts/core";
import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
  TitleComponent,
  GraphicComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export { echarts };
