/**
 * The channel tab's configuration page (the SMT team adds the dashboard to a channel): the service to show,
 * saved with TeamsJS as the tab's content URL.
 */
import { pages } from '@microsoft/teams-js';
import { fetchJson, type DashboardData } from './api';
import { esc } from './render';
import type { Host } from './teams';

export async function runConfig(host: Host): Promise<void> {
  const select = document.getElementById('config-service') as HTMLSelectElement;
  const status = document.getElementById('config-status') as HTMLElement;
  try {
    const data = await fetchJson<DashboardData>(host, new URLSearchParams());
    select.innerHTML = data.services
      .map((s) => `<option value="${esc(s.key)}">${esc(s.name)}</option>`)
      .join('');
    status.textContent = data.services.length
      ? 'Choose the service this channel follows, then Save.'
      : 'There is no service to show yet.';
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : 'The services could not be read.';
    return;
  }
  if (!host.inTeams) return;
  const valid = () => pages.config.setValidityState(select.value !== '');
  select.addEventListener('change', valid);
  valid();
  pages.config.registerOnSaveHandler((save) => {
    const name = select.selectedOptions[0]?.textContent ?? '';
    const url = `${location.origin}/tabs/dashboard?service=${encodeURIComponent(select.value)}`;
    pages.config
      .setConfig({
        entityId: `dashboard-${select.value}`,
        contentUrl: url,
        websiteUrl: url,
        suggestedDisplayName: `Dashboard: ${name}`.slice(0, 60),
      })
      .then(
        () => save.notifySuccess(),
        (error: unknown) => save.notifyFailure(error instanceof Error ? error.message : 'not saved'),
      );
  });
}
