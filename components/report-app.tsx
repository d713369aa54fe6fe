import type { Db } from '../lib/store';
import { ReportView } from './report-view';
import { ViewRoot } from './view-root';

/** The monthly report page (report.html): its own tab, so report code never loads in the popup. */
interface ReportAppProps {
  db: Db;
  now?: () => Date;
  /** The fetch that talks to the endpoint; undefined means the global one. */
  endpointFetch?: typeof fetch;
}

export function ReportApp({ db, now = () => new Date(), endpointFetch }: ReportAppProps) {
  return (
    <ViewRoot db={db} endpointFetch={endpointFetch}>
      <ReportView now={now} />
    </ViewRoot>
  );
}
