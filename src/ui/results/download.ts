/** Browser download of in-memory bytes (DOM only; file naming lives in artifact-files.ts). */

/** Object URLs are revoked after this delay: revoking right after click() can cancel the download in some browsers. */
const REVOKE_AFTER_MS = 10_000;

/** Saves `bytes` as `fileName` via a Blob, an object URL and a temporary `<a download>`. */
export function downloadBytes(bytes: Uint8Array, fileName: string, mimeType = 'application/octet-stream'): void {
  // Copy into a fresh ArrayBuffer-backed view: Blob needs one, and the caller may pass a SharedArrayBuffer view.
  const blob = new Blob([new Uint8Array(bytes)], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
