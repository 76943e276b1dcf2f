/** The ports use cases own: adapters (store, teams, cards) implement them and import nothing else of app. */
export type * from './cards';
export type * from './change';
export type * from './cycle-store';
export type * from './deps';
export type * from './digest-store';
export type * from './lease-store';
export type * from './messenger';
export type * from './installer';
export type * from './mailer';
export type * from './assistant';
export type * from './outbox-store';
export type * from './overview';
export type * from './people-store';
export type * from './plan-store';
export type * from './return-store';
export type * from './service-store';
export type * from './upload';
export { CARD_ITEMS } from './return-store';
