import { version } from '../../package.json';

/** Sent when a till claims its pairing, and shown in settings. */
export const APP_VERSION: string = version;
