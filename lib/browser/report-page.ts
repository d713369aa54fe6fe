/**
 * The monthly report is an extension page of its own (report.html), opened in a tab so report
 * code never loads in the popup or the side panel.
 */

/** The browser calls opening it needs (wxt/browser's `browser` has them). */
export interface ReportPageApi {
  runtime: { getURL(path: '/report.html'): string };
  tabs: { create(details: { url: string }): Promise<unknown> };
}

/** Opens the report page in a new tab. */
export async function openReportPage(api: ReportPageApi): Promise<void> {
  await api.tabs.create({ url: api.runtime.getURL('/report.html') });
}
