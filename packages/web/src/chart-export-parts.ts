// The ECharts parts only exported chart files use (title, caption, SVG renderer): a chunk of their own, loaded on
// the first PNG or SVG export, so that the first screen does not carry them.
import { GraphicComponent, TitleComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

export const EXPORT_PARTS = [TitleComponent, GraphicComponent, SVGRenderer];
