// "A new version is available" with Reload, shown when workbox-window reports a waiting worker.
export function UpdatePrompt({ onReload }: { onReload: () => void }) {
  return (
    <div class="banner update" role="alert">
      <span>A new version is available</span>
      <button type="button" class="primary" onClick={onReload}>
        Reload
      </button>
    </div>
  );
}
