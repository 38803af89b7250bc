// The migration history (--history FILE): an embedded SQLite store of every run, and this run compared with the last.
export { HistoryError, HistoryStore, writeAtomic, type HostRecord, type RunInfo, type SaveHooks } from './store.js';
export { historySection, hostRecords, recordRun } from './compare.js';
