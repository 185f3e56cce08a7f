// The single ECharts registration: only the chart types and components the dashboard draws.
// Both renderers: canvas in the browser, SVG where there is no canvas (unit tests under happy-dom).
import { use } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';

use([CanvasRenderer, SVGRenderer, LineChart, BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent]);
