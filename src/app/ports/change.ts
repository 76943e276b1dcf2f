/**
 * A change made on a fresh read: returns the new value, or undefined to leave it as it is. The store
 * writes it only if nobody wrote in between (ETag), reading again and re-applying the change otherwise.
 */
export type Change<T> = (current: T) => T | undefined;
