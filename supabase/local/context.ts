import type { StackConfig } from './config';
import type { Database } from './db/types';

/** What every service of the stack (REST, Auth, later Realtime, Functions, Storage) is given. */
export interface StackContext {
  db: Database;
  config: StackConfig;
  /** Re-read after migrations; services that cache the catalog subscribe here. */
  onSchemaChange(listener: () => Promise<void> | void): void;
}
