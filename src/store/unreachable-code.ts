/**
 * The unreachable code of a person row written before the code had a column of its own, read from the
 * reason text those rows carry. Shared by the Table and in-memory people stores; new rows store the code.
 */
import type { UnreachableCode } from '../app/ports';

export function codeOfReason(reason: string, reachable: boolean): UnreachableCode {
  if (reachable && !reason) return '';
  if (/uninstalled|blocked/i.test(reason)) return 'removed';
  if (/no longer in the directory, though reached before/.test(reason)) return 'left';
  if (/^not in the directory/.test(reason)) return 'not-in-directory';
  if (/licen[cs]e/i.test(reason)) return 'no-licence';
  if (/permission|catalogue|token/i.test(reason)) return 'not-permitted';
  if (/conversation/i.test(reason)) return 'no-conversation';
  return 'not-installed';
}
