import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GraphicComponent,
  type GraphicComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECElementEvent, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws, so the bundle carries two chart types and four components of ECharts,
// drawn as SVG (crisp at any zoom and in screenshots, and no canvas to keep in step with the pixel ratio).
use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, GraphicComponent, SVGRenderer]);

/** What a chart of the app may be given: the series and components registered above. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | GraphicComponentOption
>;

export type ChartClick = ECElementEvent;

/**
 * An ECharts chart on a div: made when mounted, given each new option whole, resized with its box (the
 * window, a phone turned), disposed when unmounted. The picture is an image to assistive technology, named
 * by `label`; `describedBy` names the element that gives its data as text (a table or a summary).
 */
export function Chart({
  option,
  label,
  describedBy,
  name,
  height = 300,
  onClick,
}: {
  option: ChartOption;
  label: string;
  describedBy: string;
  /** Its name for tests and styles (`data-chart`). */
  name: string;
  height?: number;
  onClick?: (event: ChartClick) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = init(el, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (e) => clicked.current?.(e as ECElementEvent));
    const resize = () => c.resize();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(resize) : null;
    observer?.observe(el);
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    chart.current?.setOption({ animation: !reduce, ...option }, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      className="chart"
      data-chart={name}
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
      style={{ height }}
    />
  );
}
