/** The state a prompt is rendered from (teams-ai's Memory), for one model call: a map of paths to values. */
import type { Memory } from '@microsoft/teams-ai';

export class MapMemory implements Memory {
  private readonly values: Map<string, unknown>;

  constructor(initial: Record<string, unknown> = {}) {
    this.values = new Map(Object.entries(initial));
  }
  deleteValue(path: string): void {
    this.values.delete(path);
  }
  hasValue(path: string): boolean {
    return this.values.has(path);
  }
  // teams-ai's Memory declares getValue<TValue>; the caller knows what it stored.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  getValue<TValue = unknown>(path: string): TValue {
    return this.values.get(path) as TValue;
  }
  setValue(path: string, value: unknown): void {
    this.values.set(path, value);
  }
}
