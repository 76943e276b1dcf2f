/**
 * The card layout both return stores keep: a card of at most this many items is stored as one record (one
 * point read); a larger one, item by item. Use cases ask `ReturnStore.largeCard`, never the number.
 */
export const CARD_ITEMS = 40;

export const largeCard = (items: number): boolean => items > CARD_ITEMS;
