/**
 * The report's chart of hours per ISO week and kind, as stacked bars in SVG markup. Pure and
 * dependency-free (the issue allows a charting library on the report page only; a dozen bars
 * do not need one). Every text that reaches the markup is escaped, since titles and labels may
 * come from the other side; the result is meant for `innerHTML` / `dangerouslySetInnerHTML`.
 */
import { TASK_KINDS, type TaskKind } from '../model';
import { formatHoursMinutes } from './format';
import type { WeekTotal } from './monthly-report';

/** The chart's words, in the UI language (the caller has i18n; this module stays pure). */
export interface ChartText {
  title: string;
  desc: string;
  kindLabels: Readonly<Record<TaskKind, string>>;
  /** A week's label on the axis, e.g. "KW 10" / "W10" for `2026-W10`. */
  weekLabel: (week: string) => string;
}

export interface ChartOptions {
  /** Prefix of the ids that tie the title and description to the chart; unique per page. */
  idPrefix?: string;
  width?: number;
  height?: number;
}

/** Okabe–Ito colours: told apart also with the common colour-vision deficiencies. */
export const KIND_COLOURS: Readonly<Record<TaskKind, string>> = {
  research: '#0072B2',
  'revise-text': '#E69F00',
  presentation: '#009E73',
  other: '#CC79A7',
};

/** Text escaped for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const n = (value: number) => String(Math.round(value * 10) / 10);

/** The SVG markup of the weekly chart, with an accessible title and a description of the figures. */
export function weeklyChartSvg(weeks: readonly WeekTotal[], text: ChartText, options: ChartOptions = {}): string {
  const { idPrefix = 'report-chart', width = 640, height = 260 } = options;
  const id = escapeXml(idPrefix);
  const left = 40;
  const top = 12;
  const legendHeight = 28;
  const axisHeight = 24;
  const plotHeight = height - top - axisHeight - legendHeight;
  const plotWidth = width - left - 8;
  const maxHours = Math.max(1, Math.ceil(Math.max(0, ...weeks.map((w) => w.total)) / 60));
  const tickStep = Math.max(1, Math.ceil(maxHours / 5));
  const scale = plotHeight / (Math.ceil(maxHours / tickStep) * tickStep * 60);
  const slot = plotWidth / Math.max(1, weeks.length);
  const barWidth = Math.min(48, slot * 0.6);
  const baseline = top + plotHeight;

  const parts: string[] = [];
  for (let hours = 0; hours * 60 * scale <= plotHeight + 0.01; hours += tickStep) {
    const y = n(baseline - hours * 60 * scale);
    parts.push(`<line x1="${left}" x2="${width - 8}" y1="${y}" y2="${y}" stroke="#ccc" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" font-size="11">${hours} h</text>`);
  }
  weeks.forEach((week, i) => {
    const x = left + slot * i + (slot - barWidth) / 2;
    let y = baseline;
    for (const kind of TASK_KINDS) {
      const minutes = week.minutes[kind];
      if (minutes <= 0) continue;
      const h = minutes * scale;
      y -= h;
      const tip = `${text.weekLabel(week.week)}, ${text.kindLabels[kind]}: ${formatHoursMinutes(minutes)} h`;
      parts.push(
        `<rect x="${n(x)}" y="${n(y)}" width="${n(barWidth)}" height="${n(h)}" fill="${KIND_COLOURS[kind]}"><title>${escapeXml(tip)}</title></rect>`,
      );
    }
    parts.push(
      `<text x="${n(x + barWidth / 2)}" y="${baseline + 16}" text-anchor="middle" font-size="11">${escapeXml(text.weekLabel(week.week))}</text>`,
    );
  });
  const legendY = height - legendHeight / 2;
  const legendSlot = plotWidth / TASK_KINDS.length;
  TASK_KINDS.forEach((kind, i) => {
    const x = left + legendSlot * i;
    parts.push(`<rect x="${n(x)}" y="${n(legendY - 5)}" width="10" height="10" fill="${KIND_COLOURS[kind]}"/>`);
    parts.push(
      `<text x="${n(x + 14)}" y="${n(legendY)}" dominant-baseline="middle" font-size="11">${escapeXml(text.kindLabels[kind])}</text>`,
    );
  });

  // Screen readers get the figures themselves, not only a picture of them.
  const figures = weeks.map((week) => `${text.weekLabel(week.week)}: ${formatHoursMinutes(week.total)} h`).join('; ');
  const desc = [text.desc, figures].filter(Boolean).join(' ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(text.title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>` +
    parts.join('') +
    '</svg>'
  );
}
