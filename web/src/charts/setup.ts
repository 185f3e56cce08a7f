// The single ECharts registration: only the chart types and components the dashboard uses.
import { use } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent, DataZoomComponent } from 'echarts/components';

use([CanvasRenderer, SVGRenderer, LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, DataZoomComponent]);
