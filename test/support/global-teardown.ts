export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __azurite?: { close(): Promise<void> } }).__azurite?.close();
}
