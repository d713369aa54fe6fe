// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { escapeXml, weeklyChartSvg, type ChartText } from '../../lib/report/chart';
import { monthlyReport } from '../../lib/report/monthly-report';
import { marchInput } from './fixture';

const HOSTILE = '</title><script>alert(1)</script><foreignObject><img src=x onerror="alert(2)"></foreignObject>&amp;"\'';

const text: ChartText = {
  title: `Stunden pro Woche ${HOSTILE}`,
  desc: `Workspace ${HOSTILE}`,
  kindLabels: { research: 'Recherche', 'revise-text': HOSTILE, presentation: 'Präsentation', other: 'Sonstiges' },
  weekLabel: (week) => `KW ${Number(week.slice(6))}`,
};

function render(markup: string): Document {
  return new DOMParser().parseFromString(markup, 'image/svg+xml');
}

describe('weekly chart', () => {
  const report = monthlyReport(marchInput());
  const svg = weeklyChartSvg(report.weeks, text);
  const doc = render(svg);

  it('has an accessible title and a description with the figures', () => {
    const root = doc.documentElement;
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-labelledby')).toBe('report-chart-title report-chart-desc');
    expect(doc.getElementById('report-chart-title')?.textContent).toBe(text.title);
    expect(doc.getElementById('report-chart-desc')?.textContent).toBe(
      `${text.desc} KW 9: 0:00 h; KW 10: 1:37 h; KW 11: 0:50 h; KW 12: 2:10 h; KW 13: 0:00 h; KW 14: 0:10 h`,
    );
  });

  it('stacks one bar part per kind and week with time, each with its own tooltip', () => {
    const bars = [...doc.querySelectorAll('rect')].filter((rect) => rect.querySelector('title'));
    const parts = report.weeks.flatMap((w) => Object.values(w.minutes).filter((m) => m > 0));
    expect(bars).toHaveLength(parts.length);
    expect(bars.map((bar) => bar.querySelector('title')?.textContent)).toContain('KW 12, Präsentation: 1:45 h');
  });

  it('lets hostile titles and labels in only as text', () => {
    expect(doc.querySelectorAll('script, foreignObject, img')).toHaveLength(0);
    expect([...doc.querySelectorAll('*')].some((el) => [...el.attributes].some((a) => a.name.startsWith('on')))).toBe(false);
    expect(svg).not.toContain('<script');
    expect([...doc.querySelectorAll('text')].map((t) => t.textContent)).toContain(HOSTILE);
    const host = document.createElement('div');
    host.innerHTML = svg;
    expect(host.querySelectorAll('script, img, foreignObject')).toHaveLength(0);
    expect(host.querySelectorAll('svg')).toHaveLength(1);
  });

  it('escapes the hostile id prefix too, and draws an empty month', () => {
    const empty = weeklyChartSvg(monthlyReport(marchInput({ month: '2026-05' })).weeks, text, { idPrefix: '"><script>' });
    expect(empty).not.toContain('<script');
    expect(render(empty).querySelectorAll('rect title')).toHaveLength(0);
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;&#60;/a&#62;');
  });
});
