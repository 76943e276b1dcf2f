/** What a plan file sent in chat would change (app/plan/plan-upload.ts computes it, cards/plan-preview-card.ts draws it). */
import type { PlanChange } from '../../domain/plan-diff';
import type { Table } from '../../domain/plan-import';

/** Reads a file's tables (each sheet of a workbook, or the CSV); a ValidationError when it is not a plan. */
/** Reads one import file (CSV or XLSX) into its header and cells. */
export type ImportReader = (bytes: Uint8Array, name: string) => Promise<Table>;

export type TableReader = (bytes: Uint8Array, name: string) => Promise<{ name: string; table: Table }[]>;

export interface UploadPreview {
  /** Names this preview: the Import button carries it. */
  readonly id: string;
  readonly files: readonly { readonly name: string; readonly sha256: string }[];
  /** The plan as it was when previewed: Import is refused if it has changed since. */
  readonly planFingerprint: string;
  /** The plan's name as it stands (before the import). */
  readonly planName: string;
  readonly change: PlanChange;
  readonly changes: number;
  /** The version the import makes: its number, first quarter (a key; '' = the first), what it changes. */
  readonly version: {
    readonly number: number;
    readonly from: string;
    /** It replaces the latest version, which no quarter reads yet. */
    readonly replaces: boolean;
    readonly summary: string;
    /** Open quarters it does not touch (they keep their version). */
    readonly untouched: readonly string[];
  };
  readonly outcomes: readonly {
    readonly number: number;
    readonly title: string;
    readonly activities: number;
  }[];
  readonly measures: number;
  readonly newOwners: readonly { readonly upn: string; readonly reachable: boolean }[];
}
