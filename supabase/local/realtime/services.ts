import type { StackConfig } from '../config';
import type { Database } from '../db/types';
import type { ChangeFeed } from './changes/feed';
import type { Hub } from './hub';
import type { RealtimeLimits } from './limits';

/** What every socket, channel and the REST broadcast endpoint share. */
export interface RealtimeServices {
  db: Database;
  config: StackConfig;
  limits: RealtimeLimits;
  hub: Hub;
  changes: ChangeFeed;
}
