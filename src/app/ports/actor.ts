/** Port type: who is asking, as every use case sees them (roles already resolved for the service at hand). */
export interface Actor {
  /** Lower-case UPN, or the name of the system part acting (`scheduler`, `cli`). */
  readonly upn: string;
  /** A manager of this service, or a performance lead (every service). */
  readonly serviceManager: boolean;
  /** The service's name when the council has several, for refusals ("Only service managers of ..."). */
  readonly serviceName?: string | undefined;
}
