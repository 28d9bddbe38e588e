// The HR console's charts, drawn with ECharts (webjar) from the figures the page embeds as JSON in #console-charts:
// on a cycle dashboard the reviews per step and the grade distribution against the quota (CycleDashboardPage.Charts),
// on "my reviews" the trend of totals (ConsolePages.Trend). Texts come from the chart elements' data-* attributes;
// the tables next to the charts hold the same figures.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('console-charts').textContent);
  const english = document.documentElement.lang.startsWith('en');
  const font = getComputedStyle(document.body).fontFamily;
  const INK = '#1f2933';
  const MUTED = '#616e7c';
  const ACCENT = '#2f6db5';
  const QUOTA = '#c9d3df';
  const common = { animation: false, textStyle: { fontFamily: font, color: INK } };
  const charts = [];

  function chart(id) {
    const element = document.getElementById(id);
    if (!element) return null;
    const instance = echarts.init(element, null, { renderer: 'canvas', locale: english ? 'EN' : 'ZH' });
    charts.push(instance);
    return { element, instance };
  }

  const steps = chart('steps-chart');
  if (steps) {
    steps.instance.setOption({
      ...common,
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // Horizontal bars: the step names stay legible on a phone's width.
      yAxis: { type: 'category', data: data.stepLabels, inverse: true, axisLabel: { color: INK, fontSize: 13 } },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: MUTED } },
      series: [{
        name: steps.element.dataset.count, type: 'bar', data: data.stepCounts, barMaxWidth: 22,
        itemStyle: { color: ACCENT }, label: { show: true, position: 'right', color: INK },
      }],
    });
  }

  const grades = chart('grades-chart');
  if (grades) {
    const percent = (p) => `${p.value.toFixed(0)}%`;
    grades.instance.setOption({
      ...common,
      legend: { top: 0, left: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${v.toFixed(1)}%` },
      xAxis: { type: 'category', data: data.gradeLabels, axisLabel: { color: INK, fontSize: 12, interval: 0 } },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%', color: MUTED } },
      series: [
        { name: grades.element.dataset.quota, type: 'bar', data: data.quotaPercent, barMaxWidth: 32, itemStyle: { color: QUOTA },
          label: { show: true, position: 'top', color: INK, formatter: percent } },
        { name: grades.element.dataset.actual, type: 'bar', data: data.actualPercent, barMaxWidth: 32, itemStyle: { color: ACCENT },
          label: { show: true, position: 'top', color: INK, formatter: percent } },
      ],
    });
  }

  const trend = chart('trend-chart');
  if (trend) {
    trend.instance.setOption({
      ...common,
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.labels, axisLabel: { color: INK } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: MUTED } },
      series: [{
        name: trend.element.dataset.total, type: 'line', data: data.totals, symbolSize: 8,
        itemStyle: { color: ACCENT }, label: { show: true, position: 'top', color: INK },
      }],
    });
  }

  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
})();
