"""Floor plan: scene mirroring the site model, its items and the zoomable view."""
