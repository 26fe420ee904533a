/** The application's health endpoint, probed by Front Door, Traffic Manager and availability tests. */
export const DEFAULT_HEALTH_PATH = '/healthz';
