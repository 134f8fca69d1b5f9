"""Shared settings for tests that drive Debian's Chromium (Playwright)."""

# Offline-friendly flags (see shared NOTES): no sandbox as root, no background network or updates.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
