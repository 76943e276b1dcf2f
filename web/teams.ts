/**
 * The page's host: inside Teams, TeamsJS gives the theme and an SSO token for each request; in a browser
 * (local mode) the person is named by ?user= and sent as X-Local-User, the theme by ?theme=.
 */
import { app, authentication } from '@microsoft/teams-js';

export type Theme = 'default' | 'dark' | 'contrast';

export interface Host {
  readonly inTeams: boolean;
  readonly theme: Theme;
  headers(): Promise<Record<string, string>>;
  onTheme(change: (theme: Theme) => void): void;
}

const asTheme = (t: string | null | undefined): Theme =>
  t === 'dark' ? 'dark' : t === 'contrast' ? 'contrast' : 'default';

function browserHost(): Host {
  const params = new URLSearchParams(location.search);
  const user = params.get('user') ?? '';
  const asked = params.get('theme');
  const theme = asked
    ? asTheme(asked)
    : matchMedia('(forced-colors: active)').matches
      ? 'contrast'
      : matchMedia('(prefers-color-scheme: dark)').matches
        ? 'dark'
        : 'default';
  return {
    inTeams: false,
    theme,
    headers: () => Promise.resolve<Record<string, string>>(user ? { 'X-Local-User': user } : {}),
    onTheme: () => undefined,
  };
}

export async function connect(): Promise<Host> {
  if (window.parent === window) return browserHost();
  try {
    await Promise.race([
      app.initialize(),
      new Promise((_r, reject) => setTimeout(() => reject(new Error('not in Teams')), 5000)),
    ]);
  } catch {
    return browserHost();
  }
  const context = await app.getContext();
  void app.notifySuccess();
  return {
    inTeams: true,
    theme: asTheme(context.app.theme),
    headers: async () => ({ Authorization: `Bearer ${await authentication.getAuthToken()}` }),
    onTheme: (change) => app.registerOnThemeChangeHandler((t) => change(asTheme(t))),
  };
}
