// The cycle report's two charts, drawn with ECharts (webjar, /webjars/echarts/) from the figures the page embeds
// as JSON in #report-charts (ReportCharts). The texts come from the chart elements' data-* attributes, so they
// follow the page's language (messages*.properties). The tables under the charts hold the same figures.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('report-charts').textContent);
  const english = document.documentElement.lang.startsWith('en');
  const font = getComputedStyle(document.body).fontFamily;
  const INK = '#1f2933';
  const MUTED = '#616e7c';
  const QUOTA = '#c9d3df';
  const ACTUAL = '#2f6db5';
  const CURRENT = '#d64545';
  const charts = [];
  // Figures on the charts get a white halo, so that they stay legible over bars, lines and the grid.
  const HALO = { textBorderColor: '#fff', textBorderWidth: 3 };

  function chart(id) {
    const element = document.getElementById(id);
    // At least twice the screen's resolution, so that the canvas stays sharp when printed.
    const instance = echarts.init(element, null, {
      renderer: 'canvas', locale: english ? 'EN' : 'ZH', devicePixelRatio: Math.max(2, window.devicePixelRatio || 1),
    });
    charts.push(instance);
    return { element, instance };
  }

  // A report, not a show: no animation, so that the first paint (and a print) is the final picture.
  const common = {
    animation: false,
    textStyle: { fontFamily: font, color: INK },
    legend: { top: 0, left: 0, textStyle: { fontSize: 13 } },
  };

  function distribution() {
    const { element, instance } = chart('distribution-chart');
    const d = data.distribution;
    instance.setOption({
      ...common,
      grid: { left: 8, right: 8, top: 44, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        valueFormatter: (value) => `${value.toFixed(1)}%`,
      },
      xAxis: { type: 'category', data: d.labels, axisTick: { alignWithLabel: true }, axisLabel: { color: INK, fontSize: 13 } },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%', color: MUTED } },
      series: [
        {
          name: element.dataset.quota, type: 'bar', data: d.quotaPercent, barMaxWidth: 40, barGap: '10%',
          itemStyle: { color: QUOTA },
          label: { show: true, position: 'top', color: INK, ...HALO, formatter: (p) => `${p.value.toFixed(0)}%` },
        },
        {
          name: element.dataset.actual, type: 'bar', data: d.actualPercent, barMaxWidth: 40,
          itemStyle: { color: ACTUAL },
          label: { show: true, position: 'top', color: INK, ...HALO, formatter: (p) => `${p.value.toFixed(1)}% (${d.count[p.dataIndex]})` },
        },
      ],
    });
  }

  function trend() {
    const { element, instance } = chart('trend-chart');
    const t = data.trend;
    const values = t.averageTotal.filter((v) => v !== null);
    // Months without reviews stay on the axis without a point; the line joins the months that have one.
    const points = t.averageTotal.map((value, i) => (value === null ? null : {
      value,
      itemStyle: t.periods[i] === t.current ? { color: CURRENT, borderColor: CURRENT } : undefined,
      symbolSize: t.periods[i] === t.current ? 11 : 8,
    }));
    instance.setOption({
      ...common,
      grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
      title: values.length ? undefined : {
        text: element.dataset.empty, left: 'center', top: 'middle', textStyle: { color: MUTED, fontSize: 14, fontWeight: 'normal' },
      },
      tooltip: {
        trigger: 'axis',
        formatter: (items) => {
          const item = items[0];
          if (item.value === undefined || item.value === null) return item.name;
          return `${item.name}<br>${element.dataset.average}: ${Number(item.value).toFixed(2)}`
            + `<br>${element.dataset.reviews}: ${t.reviews[item.dataIndex]}`;
        },
      },
      xAxis: { type: 'category', data: t.periods, boundaryGap: true, axisLabel: { color: MUTED, interval: 0 } },
      yAxis: {
        type: 'value', scale: true, axisLabel: { color: MUTED },
        min: values.length ? (v) => Math.max(0, Math.floor((v.min - 5) / 10) * 10) : 0,
        max: values.length ? (v) => Math.min(100, Math.ceil((v.max + 5) / 10) * 10) : 100,
      },
      series: [{
        name: element.dataset.average, type: 'line', data: points, connectNulls: true, symbol: 'circle',
        lineStyle: { color: ACTUAL, width: 2 }, itemStyle: { color: ACTUAL },
        label: { show: true, position: 'top', color: INK, ...HALO, formatter: (p) => Number(p.value).toFixed(2) },
      }],
    });
  }

  distribution();
  trend();

  const resize = () => charts.forEach((c) => c.resize());
  window.addEventListener('resize', resize);
  // Printing lays the page out narrower (A4 landscape): redraw the charts to the printed width and back.
  window.matchMedia('print').addEventListener('change', resize);
})();
