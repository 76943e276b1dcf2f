/** One row of an import file, read cell by cell: each cell checked, each problem kept with its row and column. */
import type { Problem } from './errors';
import { upnSchema } from './plan';
import { parseTypedNumber } from './numbers';
import { echo } from './echo';

/** An id: letters, digits, ".", "-" and "_", up to 64. */
export const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_TEXT = 4000;

export class RowReader {
  constructor(
    private readonly row: number,
    private readonly cells: Readonly<Record<string, string>>,
    private readonly problems: Problem[],
  ) {}
  private add(column: string, message: string): void {
    this.problems.push({ row: this.row, column, message });
  }
  text(column: string, required: boolean, max = MAX_TEXT): string {
    const value = (this.cells[column] ?? '').trim();
    if (required && value === '') this.add(column, `"${column}" is empty; fill it in.`);
    if (value.length > max)
      this.add(column, `"${column}" is ${value.length} characters; shorten it to ${max} or fewer.`);
    return value;
  }
  list(column: string, required: boolean): string[] {
    const items = this.text(column, required)
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    if (required && items.length === 0 && (this.cells[column] ?? '').trim() !== '')
      this.add(column, `"${column}" has no values; separate several with ";".`);
    return items;
  }
  email(column: string, required: boolean): string | undefined {
    const value = this.text(column, required);
    if (value === '') return undefined;
    const parsed = upnSchema.safeParse(value);
    if (!parsed.success) {
      this.add(
        column,
        `"${echo(value)}" is not an email address or UPN; write it like area-ops.gravesham@example.org.`,
      );
      return undefined;
    }
    return parsed.data;
  }
  number(column: string, required: boolean): number | undefined {
    const raw = this.text(column, required);
    if (raw === '') return undefined;
    const parsed = parseTypedNumber(raw);
    if (!parsed.ok) {
      this.add(column, parsed.message);
      return undefined;
    }
    return parsed.value;
  }
  choice<T extends string>(column: string, options: readonly T[]): T | undefined {
    const value = this.text(column, true).toLowerCase();
    if (value === '') return undefined;
    if (!(options as readonly string[]).includes(value)) {
      this.add(
        column,
        `"${echo(this.cells[column] ?? '')}" is not allowed here; use one of: ${options.join(', ')}.`,
      );
      return undefined;
    }
    return value as T;
  }
  problem(column: string, message: string): void {
    this.add(column, message);
  }

  /** An id: letters, digits, ".", "-" and "_", up to 64. */
  key(column: string, required: boolean): string {
    const value = this.text(column, required, 64);
    if (value && !KEY.test(value))
      this.problem(column, `"${echo(value)}" may only use letters, digits, ".", "-" and "_" (up to 64).`);
    return value;
  }
}
