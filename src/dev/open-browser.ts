/** Opens a page in the person's browser for the trial, where there is one (a desktop); else does nothing. */
import { spawn } from 'node:child_process';

export function openInBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer.exe' : 'xdg-open';
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined); // no desktop browser here: the URL is printed anyway
    child.unref();
  } catch {
    // as above
  }
}
