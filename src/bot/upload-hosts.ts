/** Where the committee report may be uploaded: Teams' upload sessions are OneDrive for Business (SharePoint). */

/** Where Teams' upload sessions live (OneDrive for Business is SharePoint); in local mode, loopback too. */
const UPLOAD_HOSTS =
  /(^|\.)(sharepoint\.com|sharepoint\.us|sharepoint-mil\.us|sharepoint\.de|sharepoint\.cn)$/i;

export const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

/** May the report be PUT to this URL? HTTPS to a SharePoint/OneDrive host; in local mode, loopback http too. */
export function mayUploadTo(url: string, localMode: boolean): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:' && UPLOAD_HOSTS.test(parsed.hostname)) return true;
  return localMode && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}
