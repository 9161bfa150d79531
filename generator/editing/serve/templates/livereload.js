// Added by `chronology serve` to the pages it serves (not to the built files): reloads the page
// when the preview is rebuilt, and keeps asking while the server restarts.
(() => {
  const seen = document.currentScript && document.currentScript.dataset.version;
  let busy = false;
  async function check() {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const response = await fetch({{ reload_path|tojson }}, { cache: "no-store" });
      if (response.ok) {
        const version = (await response.text()).trim();
        if (version && version !== seen) { location.reload(); return; }
      }
    } catch (error) { /* the server is restarting: ask again */ }
    busy = false;
  }
  setInterval(check, {{ poll_ms }});
  document.addEventListener("visibilitychange", check);
})();
