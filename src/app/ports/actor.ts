/** Port type: who is asking, as every use case sees them (roles already resolved for the service at hand). */
export interface Actor {
  /** Lower-case UPN. */
  readonly upn: string;
  /** A manager of this service, or a performance lead (every service). */
  readonly serviceManager: boolean;
}
