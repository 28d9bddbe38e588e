// Checks of our own pages (the console, the report) shared by the browser tests.

/** The chart's canvas is visible and holds ink: ECharts drew something. */
export async function drawn(page, id) {
  const canvas = page.locator(`#${id} canvas`);
  await canvas.waitFor({ state: 'visible' });
  const inked = await canvas.evaluate((c) => {
    const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
    return n;
  });
  if (inked < 3000) throw new Error(`#${id}: the canvas is (nearly) empty: ${inked} pixels drawn`);
  console.log(`#${id}: ${inked} pixels drawn`);
}

/** Nothing is wider than the window (tables scroll inside their .table-wrap). */
export async function fits(page) {
  const overflow = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > limit + 1)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}`);
    return { wide, scrollWidth: document.documentElement.scrollWidth, limit };
  });
  if (overflow.wide.length || overflow.scrollWidth > overflow.limit) {
    throw new Error(`wider than the ${overflow.limit} px window: ${overflow.wide.slice(0, 5).join(', ')} (page ${overflow.scrollWidth} px)`);
  }
}
